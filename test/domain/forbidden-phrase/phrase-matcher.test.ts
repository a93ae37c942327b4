import { PhraseMatcher } from '../../../src/domain/forbidden-phrase/phrase-matcher';
import { FORBIDDEN_PHRASE_SEED } from '../../../src/domain/forbidden-phrase/forbidden-phrase.seed';

/** The seeded list (001 §二 and its spirit), as the service compiles it. */
const matcher = new PhraseMatcher(FORBIDDEN_PHRASE_SEED.map((p) => ({ phrase: p.phrase, exceptions: p.exceptions, value: p.phrase })));
const found = (text: string) => matcher.find(text);

describe('the forbidden-phrase guard matches words, not substrings', () => {
  it('lets a care question through that contains 神经病 inside the medical word 神经病史', () => {
    expect(found('请问老人有没有神经病史或者高血压？')).toEqual([]);
    expect(found('請問老人有沒有神經病史或者高血壓？')).toEqual([]);
  });

  it('does not see 快点说 in 我尽快点说明 (我/尽快/点/说明)', () => {
    expect(found('我尽快点说明')).toEqual([]);
    expect(found('好的，我尽快点说明一下处理进度')).toEqual([]);
  });

  it('blocks the document’s own example, also with a question particle, spaces, punctuation or in traditional script', () => {
    expect(found('我已经给你说过了')).toEqual(['我已经给你说过了']);
    expect(found('我已经给你说过了吗？')).toContain('我已经给你说过了');
    expect(found('我 已经，给你说过了！')).toContain('我已经给你说过了');
    expect(found('我已經給你說過了')).toContain('我已经给你说过了');
  });

  it('still blocks the phrase where it is a word of its own', () => {
    expect(found('你这个神经病')).toEqual(['神经病']);
    expect(found('你快点说')).toEqual(['快点说']);
    expect(found('这都不懂吗')).toEqual(['这都不懂']);
    expect(found('你爱买不买')).toEqual(['你爱买不买']);
  });

  it('blocks English insults on word boundaries only', () => {
    expect(found('You are an IDIOT!')).toEqual(['idiot']);
    expect(found('you idiots')).toEqual(['idiot']);
    expect(found('Please, shut up.')).toEqual(['shut up']);
    expect(found('I already told you, read the manual')).toEqual(['I already told you']);
    expect(found('That was an idiotic idea of ours')).toEqual([]);
    expect(found('Sorry, that was a stupid mistake on our side')).toEqual([]);
    expect(found('Thank you for waiting, I will check the order now')).toEqual([]);
  });

  it('blocks Taiwanese insults written in traditional script', () => {
    expect(found('你是腦殘嗎')).toEqual(['脑残']);
  });

  it('finds nothing in the standard scripts', () => {
    for (const text of ['您好，这里是安心家政，我是101号客服人员，请问有什么可以帮您？', '没关系，我再为您详细解释一遍。', '好的，我这边已经登记了您的需求']) expect(found(text)).toEqual([]);
  });
});
