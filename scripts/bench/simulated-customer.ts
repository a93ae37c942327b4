import type { Locale, OutboundMessage } from '../../src/core/message';
import { normalizeForMatching } from '../../src/core/text/normalize';
import type { ScriptedConversation, Topic } from './conversation-script';

/*
 * What a customer understands the bot to be asking, read from its last question the way a person
 * reads it (on normalised text, so traditional and simplified read alike). Order matters: the
 * read-back names address and phone too, so it is recognised first.
 */
const QUESTIONS: [Topic, RegExp][] = [
  ['confirm', /正确吗|对吗|核对|没问题吗|is (that|this|everything) (all )?(correct|right)|is all (of )?(that|this) (correct|right)|all correct|details right/],
  ['wechat', /微信|wechat/],
  ['recipient', /收货人是您本人|是您本人吗|recipient yourself|are you the recipient|for yourself|receiving it yourself/],
  ['serious', /是否涉及|involve (any )?(loss|damage|injur|property)|loss, damage or injury/],
  ['photo', /照片|photo/],
  ['choice', /修改哪一项|哪一项|which (one|detail|item)/],
  ['query', /订单号|订单编号|order number|下单时(的|用的)?手机/],
  ['score', /[1１][-–到至~ ]*[5５]分|打分|评分|score|rate (our|the|how)/],
  ['contactTime', /什么时间方便|什么时候方便|方便接听|good time to call|time (suits|is good)|when (can|may|should) (we|our) call/],
  ['when', /什么时候发生|何时发生|when did (it|this)|when (was|did) (that|this)/],
  ['who', /哪位工作人员|哪个环节|哪位阿姨|who was involved|which (staff|worker|member)/],
  ['address', /地址|address|where (should|shall) we (send|deliver)|住在哪|服务地点|where do you live/],
  ['phone', /手机|电话|号码|phone|mobile|number (to|we can|where) /],
  ['name', /称呼|姓名|贵姓|your name|call you|may i have your name/],
  ['date', /哪天|哪一天|几号|开始日期|什么时候开始|什么时候需要|start date|which day|what date|when would you like|when do you need/],
  ['product', /哪款|哪个产品|哪种产品|哪项服务|哪种服务|哪类服务|什么服务|which product|which service|what (would you like|service|kind of)/],
  ['quantity', /多少|数量|几瓶|几箱|几盒|how many|quantity|how much would/],
  ['payment', /付款|支付|pay/],
  ['description', /详细说|发生了什么|什么情况|具体情况|what happened|tell (us|me) (more|what)|describe/],
  ['need', /哪方面|什么需求|您的需求|留下|留言|what would you like to know|what do you need|leave (us )?(a |your )?message|how can we help/],
  ['comment', /建议|意见|comments?|suggestions?|anything else you/],
];

/** Answers that need no fact: what most customers would say. */
const DEFAULTS: Record<Locale, Partial<Record<Topic, string>>> = {
  'zh-CN': { serious: '没有', confirm: '对的', wechat: '可以', recipient: '是的', who: '不清楚', photo: '没有', comment: '没有了', contactTime: '下午都可以', when: '昨天', yesno: '是的', score: '5' },
  'zh-TW': { serious: '沒有', confirm: '對的', wechat: '可以', recipient: '是的', who: '不清楚', photo: '沒有', comment: '沒有了', contactTime: '下午都可以', when: '昨天', yesno: '是的', score: '5' },
  en: { serious: 'no', confirm: 'yes that is right', wechat: 'sure', recipient: 'yes', who: 'not sure', photo: 'no', comment: 'no thanks', contactTime: 'afternoons are fine', when: 'yesterday', yesno: 'yes', score: '5' },
};

/** The topic of the bot's last question in these replies, or undefined when it asked nothing. */
export function askedTopic(replies: OutboundMessage[]): Topic | undefined {
  // The customer answers what the bot's last message asks; a statement at the end asks nothing.
  const last = replies[replies.length - 1];
  if (!last || !(/[?？]|[:：]\s*$|请告诉我|請告訴我|请提供|請提供|麻烦提供|please (tell|give|let) me/i.test(last.text) || last.quickReplies?.length)) return undefined;
  // The menu ("您可以选择下面的服务") is no question about the customer's need: the chat is back at the start.
  if (isMenu(last)) return undefined;
  const text = normalizeForMatching(last.text);
  for (const [topic, pattern] of QUESTIONS) if (pattern.test(text)) return topic;
  return last.quickReplies?.length && last.quickReplies.some((q) => q.value === 'yes') ? 'yesno' : /[?？]/.test(last.text) ? 'yesno' : 'choice';
}

/** The main menu: its options start flows or ask for a human. */
export function isMenu(reply: OutboundMessage): boolean {
  const values = reply.quickReplies?.map((q) => q.value) ?? [];
  return values.length >= 2 && values.filter((v) => v.startsWith('flow:')).length >= 2;
}

/** What the scripted customer answers about a topic, or undefined when they would not know. */
export function answerFor(topic: Topic, c: ScriptedConversation, locale: Locale): string | undefined {
  if (topic === 'description') return c.facts.description ?? c.facts.need;
  if (topic === 'need') return c.facts.need ?? c.facts.description;
  if (topic === 'query') return c.facts.query ?? c.facts.phone;
  return c.facts[topic] ?? DEFAULTS[locale][topic];
}
