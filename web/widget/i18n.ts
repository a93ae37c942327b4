/** The widget's languages; the same three the bot speaks. */
export type WidgetLocale = 'zh-CN' | 'zh-TW' | 'en';

const zhCN = {
  openChat: '在线客服',
  closeChat: '收起聊天窗口',
  unread: '{n} 条未读消息',
  title: '在线客服',
  subtitleBot: '智能客服为您服务',
  subtitleWaiting: '正在为您转接人工客服…',
  subtitleQueue: '正在为您转接人工客服，前面还有 {n} 位',
  subtitleAgent: '{name}（{number}号）为您服务',
  subtitleClosed: '本次会话已结束',
  agentLabel: '{name} · {number}号',
  botLabel: '智能客服',
  placeholder: '请输入您的问题…',
  send: '发送',
  attach: '图片或文件',
  image: '图片',
  file: '文件',
  fileTooLarge: '文件太大，不能超过 {size} MB',
  fileType: '不支持发送这类文件',
  emoji: '表情',
  today: '今天',
  yesterday: '昨天',
  typing: '对方正在输入',
  connecting: '正在连接…',
  reconnecting: '网络不稳定，正在重新连接…',
  offline: '网络已断开，您的消息会在恢复后自动发送',
  pending: '发送中',
  queued: '等待发送',
  failed: '发送失败',
  tooLong: '消息太长了，请分几次发送（最多 8000 字）。',
  startError: '暂时无法连接客服，请稍后再试。',
  retry: '重试',
  prechatTitle: '开始咨询前，请留下您的联系方式',
  prechatName: '您的称呼',
  prechatPhone: '手机号码',
  prechatOptional: '（选填）',
  prechatStart: '开始咨询',
  prechatPhoneInvalid: '手机号码好像不正确，请再核对一下。',
  ratingTitle: '请为本次服务评价',
  ratingAttitude: '服务态度',
  ratingSpeed: '响应速度',
  ratingResolution: '问题解决',
  ratingComment: '还有什么想对我们说的吗？（选填）',
  ratingSubmit: '提交评价',
  ratingOverall: '总体满意度',
  ratingDetails: '分项评价（选填）',
  ratingNeedOverall: '请先为总体满意度打分。',
  ratingThanks: '感谢您的评价，祝您生活愉快！',
  ratingDone: '您已评价过本次服务，谢谢！',
  star: '{n} 星',
  newChat: '开始新的咨询',
  poweredBy: '在线客服',
};

type Strings = typeof zhCN;

const zhTW: Strings = {
  openChat: '線上客服',
  closeChat: '收起聊天視窗',
  unread: '{n} 則未讀訊息',
  title: '線上客服',
  subtitleBot: '智慧客服為您服務',
  subtitleWaiting: '正在為您轉接真人客服…',
  subtitleQueue: '正在為您轉接真人客服，前面還有 {n} 位',
  subtitleAgent: '{name}（{number}號）為您服務',
  subtitleClosed: '本次對話已結束',
  agentLabel: '{name} · {number}號',
  botLabel: '智慧客服',
  placeholder: '請輸入您的問題…',
  send: '傳送',
  attach: '圖片或檔案',
  image: '圖片',
  file: '檔案',
  fileTooLarge: '檔案太大，不能超過 {size} MB',
  fileType: '不支援傳送這類檔案',
  emoji: '表情符號',
  today: '今天',
  yesterday: '昨天',
  typing: '對方正在輸入',
  connecting: '正在連線…',
  reconnecting: '網路不穩定，正在重新連線…',
  offline: '網路已中斷，您的訊息會在恢復後自動傳送',
  pending: '傳送中',
  queued: '等待傳送',
  failed: '傳送失敗',
  tooLong: '訊息太長了，請分幾次傳送（最多 8000 字）。',
  startError: '暫時無法連線客服，請稍後再試。',
  retry: '重試',
  prechatTitle: '開始諮詢前，請留下您的聯絡方式',
  prechatName: '您的稱呼',
  prechatPhone: '手機號碼',
  prechatOptional: '（選填）',
  prechatStart: '開始諮詢',
  prechatPhoneInvalid: '手機號碼好像不正確，請再核對一下。',
  ratingTitle: '請為本次服務評價',
  ratingAttitude: '服務態度',
  ratingSpeed: '回應速度',
  ratingResolution: '問題解決',
  ratingComment: '還有什麼想對我們說的嗎？（選填）',
  ratingSubmit: '送出評價',
  ratingOverall: '整體滿意度',
  ratingDetails: '分項評價（選填）',
  ratingNeedOverall: '請先為整體滿意度評分。',
  ratingThanks: '感謝您的評價，祝您生活愉快！',
  ratingDone: '您已評價過本次服務，謝謝！',
  star: '{n} 星',
  newChat: '開始新的諮詢',
  poweredBy: '線上客服',
};

const en: Strings = {
  openChat: 'Chat with us',
  closeChat: 'Minimise chat',
  unread: '{n} unread messages',
  title: 'Customer service',
  subtitleBot: 'Our assistant is here to help',
  subtitleWaiting: 'Connecting you to an agent…',
  subtitleQueue: 'Connecting you to an agent — {n} ahead of you',
  subtitleAgent: "You're chatting with {name} (No. {number})",
  subtitleClosed: 'This chat has ended',
  agentLabel: '{name} · No. {number}',
  botLabel: 'Assistant',
  placeholder: 'Type your message…',
  send: 'Send',
  attach: 'Picture or file',
  image: 'Picture',
  file: 'File',
  fileTooLarge: 'Files up to {size} MB only',
  fileType: "This kind of file can't be sent",
  emoji: 'Emoji',
  today: 'Today',
  yesterday: 'Yesterday',
  typing: 'Typing',
  connecting: 'Connecting…',
  reconnecting: 'Connection unstable, reconnecting…',
  offline: "You're offline — messages will be sent when you're back",
  pending: 'Sending',
  queued: 'Waiting to send',
  failed: 'Not sent',
  tooLong: 'That message is too long; please split it (8000 characters at most).',
  startError: "We can't reach customer service right now. Please try again later.",
  retry: 'Retry',
  prechatTitle: 'Before we start, how can we reach you?',
  prechatName: 'Your name',
  prechatPhone: 'Mobile number',
  prechatOptional: ' (optional)',
  prechatStart: 'Start chat',
  prechatPhoneInvalid: 'That phone number does not look right.',
  ratingTitle: 'How did we do?',
  ratingAttitude: 'Attitude',
  ratingSpeed: 'Response speed',
  ratingResolution: 'Problem solved',
  ratingComment: 'Anything else you would like to tell us? (optional)',
  ratingSubmit: 'Submit rating',
  ratingOverall: 'Overall',
  ratingDetails: 'In detail (optional)',
  ratingNeedOverall: 'Please give an overall rating first.',
  ratingThanks: 'Thank you for your feedback!',
  ratingDone: 'You have already rated this chat. Thank you!',
  star: '{n} star(s)',
  newChat: 'Start a new chat',
  poweredBy: 'Customer service',
};

const TABLES: Record<WidgetLocale, Strings> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** A key of the widget's strings. */
export type StringKey = keyof Strings;

/** Translation function: the string for `key` with `{name}` placeholders filled (as plain text). */
export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

/** The locale named by a tag ('zh-Hant-HK' → zh-TW, 'zh' → zh-CN), or undefined when not ours. */
export function matchLocale(tag: string | null | undefined): WidgetLocale | undefined {
  if (!tag) return undefined;
  const t = tag.trim().toLowerCase().replace('_', '-');
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t.startsWith('zh-')) return /^zh-(tw|hk|mo|hant)/.test(t) ? 'zh-TW' : 'zh-CN';
  return undefined;
}

/** data-locale first, then the browser's languages in order; English when none is ours. */
export function pickLocale(attribute: string | null | undefined, languages: readonly string[]): WidgetLocale {
  const explicit = matchLocale(attribute);
  if (explicit) return explicit;
  for (const lang of languages) {
    const found = matchLocale(lang);
    if (found) return found;
  }
  return 'en';
}

/** A translator for one locale. */
export function translator(locale: WidgetLocale): Translate {
  const table = TABLES[locale];
  return (key, vars) => table[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}
