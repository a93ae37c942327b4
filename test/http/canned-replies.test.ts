import { useLiveChatService, addUser, signIn, asUser, waitingCustomer, type Visitor } from '../helpers/live-chat';
import { Conversation, Customer } from '../../src/domain/models';

const service = useLiveChatService('canned_replies');
const app = () => service().app;

describe('canned replies (话术)', () => {
  let agent: Awaited<ReturnType<typeof addUser>>;
  let asAgent: ReturnType<typeof asUser>;
  let asBoss: ReturnType<typeof asUser>;

  beforeAll(async () => {
    agent = await addUser('王小明');
    asAgent = asUser(app(), await signIn(app(), agent));
    asBoss = asUser(app(), await signIn(app(), { email: 'boss@example.com', password: 'first-admin-password' }));
  });

  /** A customer who asked for a human, whose chat the agent took. */
  const served = async (body?: Record<string, unknown>): Promise<Visitor> => {
    const v = await waitingCustomer(app(), body);
    expect((await asAgent('POST', `/api/v1/console/conversations/${v.conversationId}/claim`)).statusCode).toBe(200);
    return v;
  };

  const find = async (q: string) => (await asAgent('GET', `/api/v1/console/canned-replies?q=${encodeURIComponent(q)}`)).json() as { id: string; title: string; text: string; tags: string[] }[];

  it('starts with the documents’ standard scripts and finds them by title, tag or text, in either script', async () => {
    expect((await find('')).map((r) => r.title)).toEqual(expect.arrayContaining(['开场白', '订单复述', '订单确认', '投诉致歉', '大客户讲价']));
    expect((await find('讲价')).map((r) => r.title)).toEqual(['大客户讲价']);
    expect((await find('物流')).length).toBeGreaterThanOrEqual(3);
    expect((await find('訂單')).map((r) => r.title)).toEqual(expect.arrayContaining(['订单复述', '订单确认']));
    expect(await find('.*')).toEqual([]);
  });

  it('fills in the opening line for the conversation: salutation, company and the agent’s number', async () => {
    const v = await served({ locale: 'zh-CN', name: '张伟' });
    const conversation = await Conversation.findById(v.conversationId).lean();
    await Customer.updateOne({ _id: conversation!.customer }, { $set: { gender: 'male' } });
    const [opening] = (await find('开场白')).filter((r) => r.title === '开场白');
    const res = await asAgent('POST', `/api/v1/console/conversations/${v.conversationId}/canned-replies/${opening.id}/render`);
    expect(res.statusCode).toBe(200);
    expect(res.json().text).toBe(`张先生，您好，这里是贵州飞满天酒业有限公司，我是${agent.agentNumber}号客服人员，请问有什么可以帮您？`);
  });

  it('greets neutrally with 您好 when the gender is unknown, and keeps unknown placeholders for the agent', async () => {
    const v = await served();
    const created = await asBoss('POST', '/api/v1/console/canned-replies', { title: '测试话术', text: '{{salutation}}您好，{{agentName}}为您服务，订单号{{orderNumber}}', tags: ['测试'] });
    expect(created.statusCode).toBe(201);
    const res = await asAgent('POST', `/api/v1/console/conversations/${v.conversationId}/canned-replies/${created.json().id}/render`);
    expect(res.json().text).toBe('您好，王小明为您服务，订单号{{orderNumber}}');
  });

  it('lets managers, not agents, edit the library', async () => {
    const body = { title: '售后回访', text: '您好，这里是{{company}}，打扰您一分钟做个回访。', tags: ['回访'] };
    expect((await asAgent('POST', '/api/v1/console/canned-replies', body)).statusCode).toBe(403);
    const created = await asBoss('POST', '/api/v1/console/canned-replies', body);
    const updated = await asBoss('PUT', `/api/v1/console/canned-replies/${created.json().id}`, { ...body, tags: ['回访', '售后'] });
    expect(updated.json().tags).toEqual(['回访', '售后']);
    expect((await find('售后')).map((r) => r.title)).toContain('售后回访');
    expect((await asBoss('DELETE', `/api/v1/console/canned-replies/${created.json().id}`)).statusCode).toBe(204);
    expect((await find('售后回访')).length).toBe(0);
  });
});
