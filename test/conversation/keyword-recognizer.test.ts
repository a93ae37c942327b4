import { KeywordRecognizer } from '../../src/core/intents/keyword-recognizer';

const recognizer = new KeywordRecognizer(
  { human: ['转人工', '人工客服', 'human', 'agent'], cancel: ['取消', 'cancel'], menu: ['菜单', 'menu'] },
  [{ flow: 'order', triggers: ['下单', 'buy'] }],
);

describe('global intents by keyword', () => {
  it.each(['转人工', '轉人工', '我要转人工！', '請幫我接人工客服', 'ＨＵＭＡＮ please', 'Can I talk to an Agent?'])('"%s" asks for a human', (text) => {
    expect(recognizer.recognize(text)?.intent).toBe('human');
  });

  it('cancel and menu must be the whole message, so "取消订单" is not a cancel', () => {
    expect(recognizer.recognize('取消')?.intent).toBe('cancel');
    expect(recognizer.recognize('ＣＡＮＣＥＬ')?.intent).toBe('cancel');
    expect(recognizer.recognize('菜單')?.intent).toBe('menu');
    expect(recognizer.recognize('我想取消订单然后重新买一些别的东西')?.intent).not.toBe('cancel');
  });

  it('Latin keywords match whole words only', () => {
    expect(recognizer.recognize('I want to buy wine')?.intent).toEqual({ flow: 'order' });
    expect(recognizer.recognize('the agenda for today')).toBeUndefined();
    expect(recognizer.recognize('我要下單')?.intent).toEqual({ flow: 'order' });
  });
});
