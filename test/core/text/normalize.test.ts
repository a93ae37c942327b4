import { normalizeForMatching } from '../../../src/core/text/normalize';

describe('normalizeForMatching', () => {
  it('folds traditional and simplified writing of the same words together', () => {
    expect(normalizeForMatching('轉人工')).toBe(normalizeForMatching('转人工'));
    expect(normalizeForMatching('轉人工')).toBe('转人工');
  });

  it('folds full-width and mixed-case Latin letters to plain lower case', () => {
    expect(normalizeForMatching('ＨＵＭＡＮ')).toBe('human');
    expect(normalizeForMatching('Human')).toBe('human');
  });

  it('turns full-width digits and punctuation into ASCII', () => {
    expect(normalizeForMatching('１２３？！')).toBe('123?!');
  });

  it('collapses ideographic spaces, tabs and line breaks into single spaces and trims', () => {
    expect(normalizeForMatching('\u3000 我要\u3000\u3000退货\t\n  ')).toBe('我要 退货');
  });

  it('drops zero-width characters that would split a keyword', () => {
    expect(normalizeForMatching('人\u200b工')).toBe('人工');
  });

  it('folds Taiwan and Hong Kong variant characters alike', () => {
    expect(normalizeForMatching('看著')).toBe('看着');
    expect(normalizeForMatching('衞生')).toBe('卫生');
  });

  it('keeps simplified text as it is', () => {
    expect(normalizeForMatching('什么时候发货')).toBe('什么时候发货');
  });
});
