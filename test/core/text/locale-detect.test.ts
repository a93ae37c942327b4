import { detectLocale, toLocale } from '../../../src/core/text/locale-detect';

describe('detectLocale', () => {
  it.each([
    ['轉人工', 'zh-TW'],
    ['這個多少錢？', 'zh-TW'],
    ['台灣', 'zh-TW'],
    ['转人工', 'zh-CN'],
    ['这个多少钱？', 'zh-CN'],
    ['I want to talk to a human', 'en'],
    ['hello', 'en'],
    ['ＨＥＬＬＯ', 'en'],
  ])('reads %s as %s', (text, locale) => {
    expect(detectLocale(text)).toBe(locale);
  });

  it.each(['你好', '好的', '123', '😀👍', '', 'y', 'こんにちは', '안녕하세요'])(
    'cannot tell from %j',
    (text) => {
      expect(detectLocale(text)).toBeUndefined();
    },
  );

  it('lets the Chinese decide when Chinese and English are mixed', () => {
    expect(detectLocale('我要轉人工 thanks')).toBe('zh-TW');
    expect(detectLocale('订单 order 123 发货了吗')).toBe('zh-CN');
  });
});

describe('toLocale', () => {
  it.each([
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['zh-hant', 'zh-TW'],
    ['zh_TW.UTF-8', 'zh-TW'],
    ['zh-Hans-HK', 'zh-CN'],
    ['yue', 'zh-TW'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['EN-us', 'en'],
  ])('maps the hint %s to %s', (hint, locale) => {
    expect(toLocale(hint)).toBe(locale);
  });

  it.each(['fr', 'ja-JP', '', '  ', undefined, null])('has no locale for %j', (hint) => {
    expect(toLocale(hint)).toBeUndefined();
  });
});
