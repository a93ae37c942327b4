import { useLiveChatService, addUser, signIn, openChat, asUser, waitingCustomer } from '../helpers/live-chat';
import { AuditLog, Complaint, Conversation, Lead, Order } from '../../src/domain/models';

const service = useLiveChatService('console_records');
const app = () => service().app;

describe('the customer panel and records made from a chat', () => {
  let asAgent: ReturnType<typeof asUser>;
  let customer = '';
  let conversation = '';

  beforeAll(async () => {
    asAgent = asUser(app(), await signIn(app(), await addUser('王小明')));
    // The customer asks for a human and the agent takes the chat: its customer is now theirs to serve.
    const v = await waitingCustomer(app(), { locale: 'zh-CN', name: '钱女士', phone: '13912345678' });
    expect((await asAgent('POST', `/api/v1/console/conversations/${v.conversationId}/claim`)).statusCode).toBe(200);
    conversation = v.conversationId;
    customer = String((await Conversation.findById(conversation).lean())!.customer);
  });

  it('records a lead from the chat, its channel taken from the conversation and the phone normalised', async () => {
    const res = await asAgent('POST', '/api/v1/console/leads', { customer, conversation, need: '想订两箱天朝上品', phone: '139 1234 5678' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: expect.any(String), need: '想订两箱天朝上品', phone: '+8613912345678', sourceChannel: 'web', status: 'new' });
    const followed = await asAgent('PATCH', `/api/v1/console/leads/${res.json().id}`, { status: 'contacted', note: '已电话联系，周五回访' });
    expect(followed.json()).toMatchObject({ status: 'contacted' });
    expect((await Lead.findById(res.json().id).lean())?.history.at(-1)).toMatchObject({ from: 'new', to: 'contacted', note: '已电话联系，周五回访' });
  });

  it('creates an order with the total computed from the items', async () => {
    const res = await asAgent('POST', '/api/v1/console/orders', {
      customer, conversation, source: 'agent',
      items: [{ sku: 'TCSP-500', product: '天朝上品 500ml', quantity: 2, unitPriceFen: 39900 }],
      recipient: { name: '钱女士', phone: '13912345678', isCustomer: true }, address: '贵阳市观山湖区金阳大道 1 号', payment: 'cod',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ totalFen: 79800, source: 'agent', channel: 'web', status: 'confirmed', recipient: { phone: '+8613912345678' } });
    expect(await AuditLog.exists({ action: 'order.create', 'entity.id': res.json().id })).toBeTruthy();
  });

  it('accepts a complaint with its 24-hour feedback deadline and moves it along', async () => {
    const res = await asAgent('POST', '/api/v1/console/complaints', { customer, conversation, severity: 'general', category: 'delivery', description: '快递三天没到' });
    expect(res.statusCode).toBe(201);
    const stored = await Complaint.findById(res.json().id).lean();
    expect(stored!.feedbackDueAt.getTime() - stored!.createdAt.getTime()).toBe(24 * 3600_000);
    const moved = await asAgent('PATCH', `/api/v1/console/complaints/${res.json().id}`, { status: 'investigating', feedbackGiven: true, note: '已联系仓库' });
    expect(moved.json()).toMatchObject({ status: 'investigating', lastFeedbackAt: expect.any(String) });
  });

  it('refuses records for a customer that does not exist, a conversation of someone else, or a bad phone', async () => {
    const other = await openChat(app());
    expect((await asAgent('POST', '/api/v1/console/leads', { customer: '0123456789abcdef01234567', need: 'x', sourceChannel: 'web' })).statusCode).toBe(404);
    const foreign = await asAgent('POST', '/api/v1/console/leads', { customer, conversation: other.conversationId, need: 'x' });
    expect(foreign.json().error.details[0].field).toBe('conversation');
    const phone = await asAgent('POST', '/api/v1/console/complaints', { customer, conversation, severity: 'general', description: 'x', contactPhone: '123' });
    expect(phone.json().error.details[0].field).toBe('contactPhone');
    expect((await asAgent('POST', '/api/v1/console/orders', { customer, items: [], recipient: { name: 'x', phone: '13912345678' }, address: '某地某处', payment: 'cod' })).statusCode).toBe(400);
    expect(await Order.countDocuments({ customer })).toBe(1);
  });

  it('shows the customer with identities, conversations, leads, orders and complaints', async () => {
    const res = await asAgent('GET', `/api/v1/console/customers/${customer}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.customer).toMatchObject({ id: customer, name: '钱女士', phone: '+8613912345678' });
    expect(body.identities).toEqual([expect.objectContaining({ channel: 'web', displayName: '钱女士' })]);
    expect(body.conversations.map((c: { id: string }) => c.id)).toContain(conversation);
    expect([body.leads.length, body.orders.length, body.complaints.length]).toEqual([1, 1, 1]);
    expect((await asAgent('GET', '/api/v1/console/customers/0123456789abcdef01234567')).statusCode).toBe(404);
  });
});
