import type { LightMyRequestResponse } from 'fastify';
import { useLiveChatService, addUser, asUser, online, signIn, waitingCustomer, type Visitor } from '../helpers/live-chat';
import { BOSS } from '../helpers/service-config';
import { Conversation, Lead } from '../../src/domain/models';

const service = useLiveChatService('chat_access');
const app = () => service().app;
type Call = ReturnType<typeof asUser>;

interface Ids {
  conversation: string;
  customer: string;
  reply: string;
}

/** Every console read (and the writes that show what they read) of one conversation and its customer, with the status of an allowed call. */
const ROUTES: [string, number, (as: Call, ids: Ids) => Promise<LightMyRequestResponse>][] = [
  ['GET the conversation and its transcript', 200, (as, ids) => as('GET', `/api/v1/console/conversations/${ids.conversation}`)],
  ['GET the customer panel', 200, (as, ids) => as('GET', `/api/v1/console/customers/${ids.customer}`)],
  ['PUT the customer’s tags', 200, (as, ids) => as('PUT', `/api/v1/console/customers/${ids.customer}/tags`, { tags: ['VIP'] })],
  ['GET the canned replies filled in for it', 200, (as, ids) => as('GET', `/api/v1/console/conversations/${ids.conversation}/canned-replies`)],
  ['POST a canned reply rendered for it', 200, (as, ids) => as('POST', `/api/v1/console/conversations/${ids.conversation}/canned-replies/${ids.reply}/render`)],
  ['POST an internal note on it', 201, (as, ids) => as('POST', `/api/v1/console/conversations/${ids.conversation}/messages`, { text: '客户是老客户', internal: true })],
  ['POST a lead for the customer', 201, (as, ids) => as('POST', '/api/v1/console/leads', { customer: ids.customer, conversation: ids.conversation, need: '想了解保洁服务' })],
  [
    'POST an order for the customer',
    201,
    (as, ids) =>
      as('POST', '/api/v1/console/orders', {
        customer: ids.customer,
        items: [{ product: '日常保洁', quantity: 1, unitPriceFen: 19900 }],
        recipient: { name: '张三', phone: '13812345678' },
        address: '北京市朝阳区建国路88号',
        payment: 'cod',
      }),
  ],
  ['POST a complaint for the customer', 201, (as, ids) => as('POST', '/api/v1/console/complaints', { customer: ids.customer, conversation: ids.conversation, severity: 'general', description: '阿姨迟到了一个小时' })],
];

describe('role checks on every read of a chat and its customer', () => {
  let owner: Call;
  let other: Call;
  let manager: Call;
  let admin: Call;
  let ownerId = '';
  let mine: Visitor;
  let customerId = '';
  let replyId = '';

  beforeAll(async () => {
    const a = await addUser('坐席甲');
    ownerId = a.id;
    owner = asUser(app(), await online(app(), a));
    other = asUser(app(), await online(app(), await addUser('坐席乙')));
    manager = asUser(app(), await signIn(app(), await addUser('主管丙', 'manager')));
    admin = asUser(app(), await signIn(app(), BOSS));
    mine = await waitingCustomer(app());
    expect((await owner('POST', `/api/v1/console/conversations/${mine.conversationId}/claim`)).statusCode).toBe(200);
    expect((await owner('POST', `/api/v1/console/conversations/${mine.conversationId}/messages`, { text: '您好，我是坐席甲' })).statusCode).toBe(201);
    customerId = String((await Conversation.findById(mine.conversationId).lean())!.customer);
    replyId = (await owner('GET', '/api/v1/console/canned-replies')).json()[0].id;
  });

  describe.each([
    ['the agent it is assigned to', () => owner, true],
    ['another agent', () => other, false],
    ['a manager', () => manager, true],
    ['an admin', () => admin, true],
  ] as const)('as %s', (_who, as, allowed) => {
    it.each(ROUTES)(`${allowed ? 'may' : 'may not'} %s`, async (_label, okStatus, call) => {
      const res = await call(as(), { conversation: mine.conversationId, customer: customerId, reply: replyId });
      if (allowed) expect(res.statusCode).toBe(okStatus);
      else expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
    });
  });

  it('stores nothing for a refused write and tells nothing of the customer', async () => {
    const before = await Lead.countDocuments({ customer: customerId });
    const res = await other('POST', '/api/v1/console/leads', { customer: customerId, need: '试探' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('138');
    expect(await Lead.countDocuments({ customer: customerId })).toBe(before);
  });

  it('lets any agent read a chat waiting in the queue and its customer', async () => {
    const waiting = await waitingCustomer(app());
    const waitingCustomerId = String((await Conversation.findById(waiting.conversationId).lean())!.customer);
    expect((await other('GET', `/api/v1/console/conversations/${waiting.conversationId}`)).statusCode).toBe(200);
    expect((await other('GET', `/api/v1/console/customers/${waitingCustomerId}`)).statusCode).toBe(200);
  });

  it('keeps a chat readable to an agent who served it before a transfer, and to the one it went to', async () => {
    const third = await addUser('坐席丁');
    const asThird = asUser(app(), await online(app(), third));
    const v = await waitingCustomer(app());
    const C = `/api/v1/console/conversations/${v.conversationId}`;
    await owner('POST', `${C}/claim`);
    await owner('POST', `${C}/messages`, { text: '我帮您转给同事' });
    expect((await owner('POST', `${C}/transfer`, { agentId: third.id })).statusCode).toBe(200);
    expect((await owner('GET', C)).statusCode).toBe(200);
    expect((await asThird('GET', C)).statusCode).toBe(200);
    expect((await other('GET', C)).statusCode).toBe(403);
  });

  it('keeps a closed chat readable to the agent who served it, and to nobody else but managers', async () => {
    const v = await waitingCustomer(app());
    const C = `/api/v1/console/conversations/${v.conversationId}`;
    await owner('POST', `${C}/claim`);
    expect((await owner('POST', `${C}/close`)).statusCode).toBe(200);
    expect((await owner('GET', C)).statusCode).toBe(200);
    expect((await other('GET', C)).statusCode).toBe(403);
    expect((await manager('GET', C)).statusCode).toBe(200);
  });

  it('answers 404 for a conversation or customer that does not exist, before any role check', async () => {
    expect((await other('GET', '/api/v1/console/conversations/5f0000000000000000000000')).json().error.code).toBe('CONVERSATION_NOT_FOUND');
    expect((await other('GET', '/api/v1/console/customers/5f0000000000000000000000')).json().error.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('keeps the “all” list and other agents’ history to managers', async () => {
    expect((await other('GET', '/api/v1/console/conversations?view=all')).statusCode).toBe(403);
    const history = (await other('GET', `/api/v1/console/history?agentId=${ownerId}`)).json();
    expect(history.items.map((c: { id: string }) => c.id)).not.toContain(mine.conversationId);
    expect((await manager('GET', `/api/v1/console/history?agentId=${ownerId}`)).json().items.map((c: { id: string }) => c.id)).toContain(mine.conversationId);
  });
});
