import { FakeHttpServer, type RecordedCall } from '../../adapters/helpers/fake-http-server';
import { LlmRecognizer, maskPii, type LlmOptions } from '../../../src/core/intents/llm-recognizer';
import { loadConfig } from '../../../src/config/config';
import { compileContent, DEFAULT_DIRS } from '../../../src/conversation/bot';
import { readBotContent } from '../../../src/flows/bot-content';

/** An OpenAI-compatible chat-completions endpoint on 127.0.0.1 answering what the test says. */
const fake = new FakeHttpServer(() => ({ body: {} }));
let baseUrl = '';
const answer = (content: unknown) => ({ body: { choices: [{ message: { role: 'assistant', content: typeof content === 'string' ? content : JSON.stringify(content) } }] } });
const rules = compileContent(loadConfig({ COMPANY_PROFILE: 'housekeeping' }), readBotContent(DEFAULT_DIRS, 'housekeeping')).rules;

function recognizer(options: Partial<LlmOptions> = {}): LlmRecognizer {
  return new LlmRecognizer(rules, {
    baseUrl: `${baseUrl}/v1`,
    apiKey: 'test-key',
    model: 'qwen-test',
    timeoutMs: 1000,
    sendPii: false,
    intents: [{ name: 'booking', flow: 'booking', about: 'wants to book a domestic worker' }, { name: 'complaint', flow: 'complaint', about: 'a complaint' }],
    products: [{ sku: 'ELDER', name: 'Elderly care' }],
    business: 'housekeeping company',
    ...options,
  });
}
const userText = (call: RecordedCall) => ((call.body as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === 'user')?.content ?? '');

beforeAll(async () => {
  baseUrl = await fake.start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
});

describe('the optional language-model layer', () => {
  it('asks the model only about a message the rules do not understand, and takes its intent and slots', async () => {
    fake.respondWith(() => answer({ intent: 'booking', confidence: 0.9, slots: { product: 'ELDER', date: '下个月' } }));
    const r = await recognizer().recognize('家里老人没人管 我上班顾不过来', 'zh-CN');
    expect(r).toMatchObject({ intent: { flow: 'booking' }, source: 'llm', slots: { product: 'ELDER', date: '下个月' } });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: 'Bearer test-key' }, body: { model: 'qwen-test', response_format: { type: 'json_object' } } });
  });

  it('does not call the model when the rules understand, when a question waits for this answer, or when the FAQ knows it', async () => {
    await recognizer().recognize('保姆偷了我的钱', 'zh-CN');
    await recognizer().recognize('下周一', 'zh-CN', { answering: true });
    await recognizer().recognize('你们周末上班吗', 'zh-CN', { known: true });
    expect(fake.calls).toHaveLength(0);
  });

  it('masks phone numbers, order numbers, addresses and names unless the operator allows sending them', async () => {
    fake.respondWith(() => answer({ intent: null, confidence: 0.2 }));
    const text = '我叫王芳 电话13812345678 住北京市朝阳区建国路88号 订单O202611200001 家里老人没人管';
    await recognizer().recognize(text, 'zh-CN');
    const sent = userText(fake.calls[0]);
    for (const secret of ['13812345678', '建国路88号', 'O202611200001', '王芳']) expect(sent).not.toContain(secret);
    expect(sent).toContain('<NUMBER>');
    await recognizer({ sendPii: true }).recognize(text, 'zh-CN');
    expect(userText(fake.calls[1])).toBe(text);
    expect(maskPii('call me on +852 9123 4567')).toBe('call me on <NUMBER>');
  });

  it('falls back to the rules on a timeout, an HTTP error, bad JSON or an intent it may not propose', async () => {
    const text = '家里老人没人管 我上班顾不过来';
    const errors: Error[] = [];
    fake.respondWith(() => new Promise((resolve) => setTimeout(() => resolve(answer({ intent: 'booking', confidence: 1 })), 400)));
    expect((await recognizer({ timeoutMs: 100, onError: (e) => errors.push(e) }).recognize(text, 'zh-CN'))?.intent).toBeUndefined();
    fake.respondWith(() => ({ status: 503, body: { error: 'overloaded' } }));
    expect((await recognizer({ onError: (e) => errors.push(e) }).recognize(text, 'zh-CN'))?.intent).toBeUndefined();
    fake.respondWith(() => answer('I think they want a carer'));
    expect((await recognizer({ onError: (e) => errors.push(e) }).recognize(text, 'zh-CN'))?.intent).toBeUndefined();
    fake.respondWith(() => answer({ intent: 'launch-rocket', confidence: 0.99 }));
    expect((await recognizer().recognize(text, 'zh-CN'))?.intent).toBeUndefined();
    expect(errors.map((e) => e.name)).toEqual(['TimeoutError', 'Error', 'SyntaxError']);
  });

  it('ignores personal data the model did not see and a product not in the catalogue', async () => {
    fake.respondWith(() => answer({ intent: 'booking', confidence: 0.8, slots: { address: '<ADDRESS>', name: '<NAME>', product: 'ROCKET' } }));
    const r = await recognizer().recognize('想给我爸找个人 住北京市朝阳区建国路88号', 'zh-CN');
    expect(r?.intent).toEqual({ flow: 'booking' });
    expect(r?.slots?.product).toBeUndefined();
    expect(r?.slots?.name).toBeUndefined();
  });
});
