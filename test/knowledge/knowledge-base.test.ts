import { KnowledgeBase } from '../../src/knowledge/knowledge-base';
import { SmallTalk } from '../../src/knowledge/small-talk';
import type { KnowledgeEntry, SmallTalkEntry } from '../../src/knowledge/knowledge-data';

const entry = (id: string, zh: string[], en: string[], answer: string): KnowledgeEntry => ({
  id,
  tags: [],
  title: { 'zh-CN': id, 'zh-TW': id, en: id },
  questions: { 'zh-CN': zh, 'zh-TW': [], en },
  answer: { 'zh-CN': answer, 'zh-TW': answer, en: answer },
});

const kb = new KnowledgeBase({
  entries: [
    entry('shipping-fee', ['包邮吗', '运费多少'], ['is shipping free'], 'free shipping'),
    entry('invoice', ['能开发票吗', '发票怎么开'], ['can i get an invoice'], 'VAT invoice'),
    entry('courier', ['发什么快递', '用哪家快递'], ['which courier do you use'], 'YTO'),
    entry('health', ['阿姨有健康证吗', '体检过吗'], ['do your helpers have health certificates'], 'checked'),
  ],
  synonyms: [
    ['运费', '邮费', '包邮', 'postage', 'shipping fee'],
    ['发票', '开票', 'fapiao', 'invoice'],
  ],
});

describe('the FAQ search', () => {
  it('finds the entry a short colloquial question asks, in simplified, traditional and English', () => {
    expect(kb.search('包邮不')).toMatchObject({ kind: 'answer', entry: { id: 'shipping-fee' } });
    expect(kb.search('能開發票嗎？公司報銷用')).toMatchObject({ kind: 'answer', entry: { id: 'invoice' } });
    expect(kb.search('Which couriers do you ship with?')).toMatchObject({ kind: 'answer', entry: { id: 'courier' } });
  });

  it('folds synonyms: "邮费" and "postage" ask about the shipping fee, "fapiao" about invoices', () => {
    expect(kb.search('邮费怎么算')).toMatchObject({ kind: 'answer', entry: { id: 'shipping-fee' } });
    expect(kb.search('how much is postage')).toMatchObject({ kind: 'answer', entry: { id: 'shipping-fee' } });
    expect(kb.search('do you issue fapiao')).toMatchObject({ kind: 'answer', entry: { id: 'invoice' } });
  });

  it('gives no answer below the confidence threshold: a sentence about something else is not a match', () => {
    expect(kb.search('我家的猫今天生病了')).toBeUndefined();
    expect(kb.search('阿姨把花瓶打碎了')).toBeUndefined();
    expect(kb.search('')).toBeUndefined();
  });

  it('offers "did you mean" between two close answers', () => {
    const match = kb.search('运费和发票');
    expect(match?.kind).toBe('choose');
    expect(match?.kind === 'choose' && match.entries.map((e) => e.id).sort()).toEqual(['invoice', 'shipping-fee']);
  });

  it('is built from data, so a new version of the entries answers with the new text', () => {
    const next = new KnowledgeBase({ entries: [entry('shipping-fee', ['包邮吗'], ['is shipping free'], 'free over ¥99')], synonyms: [] });
    expect(next.search('包邮吗')).toMatchObject({ entry: { answer: { 'zh-CN': 'free over ¥99' } } });
    expect(next.size).toBe(1);
  });
});

const talk = (id: string, phrases: string[], greeting = false): SmallTalkEntry => ({ id, phrases, greeting, menu: false, answer: { 'zh-CN': id, 'zh-TW': id, en: id } });
const smallTalk = new SmallTalk([talk('hello', ['你好', '在吗', 'hi'], true), talk('thanks', ['谢谢', '谢谢你', 'thank you']), talk('ok', ['好', '好的']), talk('bot', ['你是机器人吗'])]);

describe('small talk', () => {
  it.each([
    ['在吗在吗~', ['hello']],
    ['好 謝謝你', ['ok', 'thanks']],
    ['好的谢谢！！', ['ok', 'thanks']],
    ['你是機器人嗎？', ['bot']],
    ['Thank you!', ['thanks']],
  ])('"%s" is %j', (text, ids) => {
    expect(smallTalk.match(text)?.entries.map((e) => e.id)).toEqual(ids);
  });

  it('a greeting before a question leaves the question: "你好，请问包邮吗"', () => {
    expect(smallTalk.match('你好，请问包邮吗')).toEqual({ entries: [expect.objectContaining({ id: 'hello' })], rest: '请问包邮吗' });
  });

  it('thanks before a request is not small talk: "谢谢，我想买酒"', () => {
    expect(smallTalk.match('谢谢，我想买酒')).toBeUndefined();
    expect(smallTalk.match('我想买酒')).toBeUndefined();
  });
});
