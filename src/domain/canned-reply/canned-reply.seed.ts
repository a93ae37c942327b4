import type { CannedReplyInput } from './canned-reply.service';

/**
 * The standard scripts (标准话术) of 001 §一 and the complaint wording of 000 §7-5, as the
 * starting canned replies. 【…】 marks what the agent fills in from the order.
 */
export const CANNED_REPLY_SEED: readonly CannedReplyInput[] = [
  { title: '开场白', tags: ['开场', '问候'], text: '{{salutation}}您好，这里是{{company}}，我是{{agentNumber}}号客服人员，请问有什么可以帮您？' },
  { title: '节日开场白（春节）', tags: ['开场', '节日'], text: '{{salutation}}春节好，这里是{{company}}，我是{{agentNumber}}号客服人员，请问有什么可以帮您？' },
  { title: '未下单致谢', tags: ['结束'], text: '感谢您的咨询，希望有机会再次为您服务。' },
  { title: '下单：付款方式', tags: ['订单'], text: '感谢您的支持，这边会尽快为您安排发货，请问您是线上付款还是货到付款？' },
  { title: '下单：收货地址', tags: ['订单'], text: '请问您的收货地址是？收货人是您本人吗？' },
  {
    title: '订单复述',
    tags: ['订单', '核对'],
    text: '现在和您核对一下购买信息：您下单的是【产品】【数量】瓶，收货地址是【地址】，货款一共是【金额】元，您选择的是【货到付款/线上付款】。我们通过快递给您发货，货到之后您把货款直接给快递员就可以了。',
  },
  {
    title: '订单确认',
    tags: ['订单', '确认'],
    text: '{{salutation}}您好，这里是{{company}}，我是{{agentNumber}}号客服人员。您在我公司官网下了一个购买订单，和您确认一下订单信息：您下单的是【产品】【数量】瓶，收货地址是【地址】，货款一共是【金额】元。',
  },
  { title: '快递说明', tags: ['物流'], text: '默认圆通或安能快递，具体快递由仓库给您匹配最快的快递。有什么疑问您可以随时联系我。' },
  { title: '添加微信', tags: ['物流', '微信'], text: '好的，我加一下您微信吧，物流信息好发到您微信上。请问您的微信号就是这个手机号码吗？' },
  { title: '物流短信通知', tags: ['物流', '短信'], text: '好的，那物流信息就通过短信发送到您的手机上。' },
  { title: '结束语', tags: ['结束'], text: '好的，我们会尽快发货，祝您生活愉快。' },
  { title: '大客户讲价', tags: ['价格', '大客户'], text: '好的，我这边已经登记了您的需求，这边需要向上级领导申请，稍后回复您可以吗？' },
  { title: '客户反复提问', tags: ['解释'], text: '没关系，我再为您详细解释一遍。' },
  { title: '核实其他客服说法', tags: ['核实'], text: '您放心，公司活动统一，不会有第二种方案，或者您可以告知我哪一位客服人员告知您的吗？我这边去核实一下。' },
  { title: '没有看明白', tags: ['沟通'], text: '不好意思，我这边没有看明白您的意思，麻烦您再描述一下可以吗？' },
  {
    title: '投诉致歉',
    tags: ['投诉', '致歉'],
    text: '{{salutation}}非常抱歉给您带来不好的体验。您反映的问题我已经详细记录，我们会尽快核实处理，并在24小时内给您反馈处理进度。',
  },
  {
    title: '严重投诉安抚',
    tags: ['投诉', '严重'],
    text: '非常抱歉发生这样的事情，请您先不要着急。这件事我们非常重视，已立即上报客服部经理，会尽快安排专人与您联系处理。',
  },
];
