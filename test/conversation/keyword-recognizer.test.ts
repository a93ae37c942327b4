import { KeywordRecognizer } from '../../src/core/intents/keyword-recognizer';
import { intentDataSchema } from '../../src/core/intents/intent-data';
import { SlotExtractor } from '../../src/core/slots/slot-extractor';
import { loadConfig } from '../../src/config/config';
import { compileContent, DEFAULT_DIRS } from '../../src/conversation/bot';
import { readBotContent } from '../../src/flows/bot-content';

const noProducts = { find: () => undefined };
const small = new KeywordRecognizer(
  intentDataSchema.parse({
    human: ['转人工', '人工客服', 'human', 'agent'],
    cancel: ['取消', 'cancel'],
    menu: ['菜单', 'menu'],
    changeMind: ['算了', 'never mind'],
    negations: ['不是', 'not'],
    payment: { cod: ['货到付款'], online: ['线上'] },
    intents: [
      { flow: 'order', words: { 下单: 2, buy: 3 } },
      { flow: 'order-cancel', words: { 取消订单: 5 } },
      { flow: 'complaint', words: { 投诉: 4, 太差: 2 } },
      { flow: 'change-worker', words: { 换个人: 5 } },
    ],
  }),
  [],
  new SlotExtractor(noProducts, { cod: ['货到付款'], online: ['线上'] }),
);

// The shipped intents of the retail and housekeeping companies, as the service loads them.
const rulesOf = (profile: 'retail' | 'housekeeping') => compileContent(loadConfig({ COMPANY_PROFILE: profile }), readBotContent(DEFAULT_DIRS, profile)).rules;
const retail = rulesOf('retail');
const housekeeping = rulesOf('housekeeping');

describe('global intents by keyword', () => {
  it.each(['转人工', '轉人工', '我要转人工！', '請幫我接人工客服', 'ＨＵＭＡＮ please', 'Can I talk to an Agent?'])('"%s" asks for a human', (text) => {
    expect(small.recognize(text, 'zh-CN').intent).toBe('human');
  });

  it('cancel and menu are the whole message, so "取消订单" cancels an order, not the conversation', () => {
    expect(small.recognize('取消', 'zh-CN').intent).toBe('cancel');
    expect(small.recognize('ＣＡＮＣＥＬ', 'en').intent).toBe('cancel');
    expect(small.recognize('菜單', 'zh-TW').intent).toBe('menu');
    expect(small.recognize('取消订单', 'zh-CN').intent).toEqual({ flow: 'order-cancel' });
  });

  it('a change of mind anywhere in a short message cancels: "算了 不投了", "actually never mind, not today"', () => {
    expect(retail.recognize('算了 不投了', 'zh-CN').intent).toBe('cancel');
    expect(retail.recognize('actually never mind, not today', 'en').intent).toBe('cancel');
    expect(housekeeping.recognize('不用了 我先问问家里人', 'zh-CN').intent).toBe('cancel');
  });

  it('Latin keywords match whole words only', () => {
    expect(small.recognize('I want to buy wine', 'en').intent).toEqual({ flow: 'order' });
    expect(small.recognize('the agenda for today', 'en').intent).toBeUndefined();
  });
});

describe('flow intents by score', () => {
  it('the highest score wins, whatever the order in the file', () => {
    // 下单 (2) comes first in the file, but 投诉 + 太差 (6) weigh more.
    expect(small.recognize('下单的体验太差了，我要投诉', 'zh-CN').intent).toEqual({ flow: 'complaint' });
  });

  it('a negated intent does not count: "不是投诉 就是想换个人"', () => {
    const r = small.recognize('不是投诉 就是想换个人', 'zh-CN');
    expect(r.intent).toEqual({ flow: 'change-worker' });
    expect(r.negated).toEqual(['complaint']);
    expect(housekeeping.recognize("it's not a complaint, I'd just like a different helper", 'en').intent).toEqual({ flow: 'change-worker' });
  });

  it.each([
    ['阿姨把我家花瓶打碎了', 'damage'],
    ['保姆偷了我的钱', 'theft'],
    ['my nanny stole my jewellery', 'theft'],
    ['阿姨把我媽的手鐲弄丟了', 'property_loss'],
    ['保姆推了我爸一下 他跌倒受傷了', 'injury'],
  ])('"%s" is a serious complaint (%s) without the word 投诉, and the sentence is its description', (text, category) => {
    const r = housekeeping.recognize(text, 'zh-CN');
    expect(r.intent).toEqual({ flow: 'complaint' });
    expect(r.values).toMatchObject({ severity: 'serious', category });
    expect(r.slots.statement).toBe(text);
  });

  it('"我要投诉" alone carries no description; a no-show is a general complaint', () => {
    expect(housekeeping.recognize('我要投诉', 'zh-CN').slots.statement).toBeUndefined();
    const noShow = housekeeping.recognize('the cleaner didn\'t show up this morning', 'en');
    expect(noShow.intent).toEqual({ flow: 'complaint' });
    expect(noShow.values?.severity).toBeUndefined();
  });

  it('details in a statement name the flow: "想卖两瓶天朝上品" (a typo for 买) is an order with its product and quantity', () => {
    const r = retail.recognize('想卖两瓶天朝上品', 'zh-CN');
    expect(r.intent).toEqual({ flow: 'order' });
    expect(r.slots).toMatchObject({ product: 'TCSP-500', quantity: { value: 2, unit: '瓶' } });
  });

  it('a question about the product is a question, not an order: "天朝上品多少钱一瓶"', () => {
    const r = retail.recognize('天朝上品多少钱一瓶', 'zh-CN');
    expect(r.intent).toBeUndefined();
    expect(r.question).toBe(true);
  });

  it('intents of flows the company does not offer are not recognised', () => {
    expect(housekeeping.recognize('取消订单 O202611210003', 'zh-CN').intent).not.toEqual({ flow: 'order-cancel' });
    expect(retail.recognize('取消订单 O202611210003', 'zh-CN')).toMatchObject({ intent: { flow: 'order-cancel' }, slots: { orderNumber: 'O202611210003' } });
  });
});
