import { parseYesNo } from '../../../src/core/text/yes-no';

describe('parseYesNo', () => {
  it.each([
    '是', '是的', '对', '對', '对的', '好', '好的', '可以', '行', '确认', '確認', '确定', '嗯', '嗯嗯',
    '没问题', '沒問題', '要', 'yes', 'Yes!', 'Y', 'ok', 'OK', 'ＯＫ', 'okay', 'sure', 'confirm',
    'of course', '👍', '👍🏻',
  ])('reads %j as yes', (text) => {
    expect(parseYesNo(text)).toBe(true);
  });

  it.each([
    '不', '不是', '否', '不对', '不對', '不要', '不用', '不需要', '不行', '不好', '没有', '沒有', '取消', '算了',
    'no', 'No.', 'N', 'nope', 'nah', 'cancel', 'not really', '👎',
  ])('reads %j as no', (text) => {
    expect(parseYesNo(text)).toBe(false);
  });

  it('tells 不好 (no) from 好 (yes)', () => {
    expect(parseYesNo('不好')).toBe(false);
    expect(parseYesNo('好')).toBe(true);
  });

  it('ignores thanks, please and softening particles around the answer', () => {
    expect(parseYesNo('好的，谢谢')).toBe(true);
    expect(parseYesNo('好滴')).toBe(true);
    expect(parseYesNo('不用了，謝謝')).toBe(false);
    expect(parseYesNo('不要啦')).toBe(false);
    expect(parseYesNo('No thanks')).toBe(false);
    expect(parseYesNo('yes please')).toBe(true);
  });

  it('reads repeated answers', () => {
    expect(parseYesNo('好好好')).toBe(true);
    expect(parseYesNo('yes yes')).toBe(true);
    expect(parseYesNo('nooo')).toBe(false);
  });

  it.each([
    ['an apology', '不好意思'],
    ['a question', '可以吗'],
    ['an A-not-A question', '好不好'],
    ['mixed answers', '好，不要'],
    ['only thanks', '谢谢'],
    ['an unrelated sentence', '我不知道'],
    ['an empty message', '   '],
    ['a number', '1'],
  ])('gives no answer for %s (%j)', (_, text) => {
    expect(parseYesNo(text)).toBeUndefined();
  });
});
