import { useLiveChatService, addUser, online, signIn, waitingCustomer, asUser, transcript } from '../helpers/live-chat';
import { ForbiddenPhrase, Message, Violation } from '../../src/domain/models';
import { seedLiveChat } from '../../src/bootstrap/live-chat-seed';
import { testLogger } from '../helpers/logger';

const service = useLiveChatService('forbidden_phrases');
const app = () => service().app;
const C = '/api/v1/console/conversations';

describe('forbidden service phrases (服务禁语)', () => {
  let agent: Awaited<ReturnType<typeof addUser>>;
  let asAgent: ReturnType<typeof asUser>;
  let asBoss: ReturnType<typeof asUser>;

  beforeAll(async () => {
    agent = await addUser('赵敏');
    asAgent = asUser(app(), await online(app(), agent));
    asBoss = asUser(app(), await signIn(app(), { email: 'boss@example.com', password: 'first-admin-password' }));
  });

  async function myChat(): Promise<string> {
    const v = await waitingCustomer(app());
    await asAgent('POST', `${C}/${v.conversationId}/claim`);
    return v.conversationId;
  }

  it('is seeded from the documents once, with the approved alternatives and fines', async () => {
    const list = (await asAgent('GET', '/api/v1/console/forbidden-phrases')).json();
    const byPhrase = (p: string) => list.find((x: { phrase: string }) => x.phrase === p);
    expect(byPhrase('我已经给你说过了')).toMatchObject({ category: 'impolite', fine: 20, alternative: expect.stringContaining('耐心') });
    expect(byPhrase('谁告诉你的')).toMatchObject({ alternative: expect.stringContaining('我这边去核实一下') });
    expect(byPhrase('我马上去问了回复您')).toMatchObject({ alternative: expect.stringContaining('这边需要向上级领导申请，稍后回复您') });
    expect(list.some((x: { category: string; fine: number }) => x.category === 'insult' && x.fine === 200)).toBe(true);
    expect(list.some((x: { category: string; fine: number }) => x.category === 'quarrel' && x.fine === 0)).toBe(true);
    const count = await ForbiddenPhrase.countDocuments();
    await seedLiveChat(testLogger);
    expect(await ForbiddenPhrase.countDocuments()).toBe(count);
  });

  it('refuses a reply with a forbidden phrase (422), sends nothing and records a warning without a fine', async () => {
    const id = await myChat();
    const before = await Message.countDocuments({ conversation: id });
    const res = await asAgent('POST', `${C}/${id}/messages`, { text: '我已经给你说过了，请再看一遍' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN_PHRASE', details: { matches: [{ phrase: '我已经给你说过了', category: 'impolite', fine: 20, alternative: expect.any(String) }] } });
    expect(await Message.countDocuments({ conversation: id })).toBe(before);
    expect(await Violation.findOne({ conversation: id }).lean()).toMatchObject({
      kind: 'blocked', status: 'warning', phrase: '我已经给你说过了', category: 'impolite', text: '我已经给你说过了，请再看一遍', agent: { name: '赵敏', number: agent.agentNumber },
    });
  });

  it('sends the care question with 神经病史 in it and the reply with 尽快点说明: words, not substrings', async () => {
    const id = await myChat();
    for (const text of ['请问老人有没有神经病史或者高血压？', '我尽快点说明']) expect((await asAgent('POST', `${C}/${id}/messages`, { text })).statusCode).toBe(201);
    expect(await Violation.countDocuments({ conversation: id })).toBe(0);
  });

  it('recognises a phrase typed in traditional script, full width or with spaces and punctuation', async () => {
    const check = (text: string) => asAgent('POST', '/api/v1/console/phrases/check', { text });
    expect((await check('誰告訴你的？')).json().matches[0]).toMatchObject({ phrase: '谁告诉你的' });
    expect((await check('我 已经，给你说过了！')).json().matches[0]).toMatchObject({ phrase: '我已经给你说过了' });
    expect((await check('你是不是ｓｈａ，你是不是傻')).json().matches[0]).toMatchObject({ category: 'insult', fine: 200 });
    expect((await check('好的，我这边已经登记了您的需求')).json().matches).toEqual([]);
  });

  it('does not check internal notes: they never reach the customer', async () => {
    const id = await myChat();
    expect((await asAgent('POST', `${C}/${id}/messages`, { text: '客户说“谁告诉你的”是之前的客服', internal: true })).statusCode).toBe(201);
  });

  it('does not count blocked attempts toward dismissal: three warnings, no fine', async () => {
    const repeat = await addUser('钱多多');
    const asRepeat = asUser(app(), await online(app(), repeat));
    const v = await waitingCustomer(app());
    await asRepeat('POST', `${C}/${v.conversationId}/claim`);
    for (const text of ['烦不烦啊', '你是不是傻', '这都不懂吗']) expect((await asRepeat('POST', `${C}/${v.conversationId}/messages`, { text })).statusCode).toBe(422);
    expect((await transcript(app(), v)).messages.filter((m) => m.author === 'agent')).toEqual([]);
    const ledger = await asBoss('GET', `/api/v1/console/violations?agentId=${repeat.id}`);
    expect(ledger.statusCode).toBe(200);
    expect(ledger.json().byAgent).toEqual([{ agent: { id: repeat.id, name: '钱多多', agentNumber: repeat.agentNumber }, warnings: 3, offences: 0, fines: 0, dismissal: false, byCategory: [] }]);
    expect(ledger.json().items.map((i: { status: string }) => i.status)).toEqual(['warning', 'warning', 'warning']);
    expect(ledger.json().items[0]).toMatchObject({ agent: { name: '钱多多' }, phrase: expect.any(String), conversationId: v.conversationId, kind: 'blocked' });
  });

  it('lets managers edit the list and agents only read it', async () => {
    const phrase = { phrase: '自己看说明书', alternative: '我来为您一步一步说明。', category: 'impolite', fine: 20, exceptions: ['自己看说明书上的图'] };
    expect((await asAgent('POST', '/api/v1/console/forbidden-phrases', phrase)).statusCode).toBe(403);
    const created = await asBoss('POST', '/api/v1/console/forbidden-phrases', phrase);
    expect(created.statusCode).toBe(201);
    expect((await asBoss('POST', '/api/v1/console/forbidden-phrases', { ...phrase, phrase: '自己看 说明书！' })).statusCode).toBe(409);
    expect((await asAgent('POST', '/api/v1/console/phrases/check', { text: '您自己看说明书吧' })).json().matches[0].phrase).toBe('自己看说明书');
    // Inside one of its exceptions the phrase is fine.
    expect((await asAgent('POST', '/api/v1/console/phrases/check', { text: '您可以自己看说明书上的图' })).json().matches).toEqual([]);
    const updated = await asBoss('PUT', `/api/v1/console/forbidden-phrases/${created.json().id}`, { ...phrase, fine: 50 });
    expect(updated.json()).toMatchObject({ fine: 50 });
    expect((await asBoss('DELETE', `/api/v1/console/forbidden-phrases/${created.json().id}`)).statusCode).toBe(204);
    expect((await asAgent('POST', '/api/v1/console/phrases/check', { text: '您自己看说明书吧' })).json().matches).toEqual([]);
    const bad = await asBoss('POST', '/api/v1/console/forbidden-phrases', { ...phrase, category: { $ne: 1 } });
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'category' })] });
    expect((await asBoss('POST', '/api/v1/console/forbidden-phrases', { ...phrase, fine: '20' })).json().error.details).toEqual([expect.objectContaining({ field: 'fine' })]);
  });
});
