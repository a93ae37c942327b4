import { FakeHttpServer } from '../adapters/helpers/fake-http-server';
import { useLiveChatService, addUser, asUser, eventually, openChat, say, signIn, transcript } from '../helpers/live-chat';
import { Conversation, FollowUp, Lead, Order } from '../../src/domain/models';
import { remindDueLeads } from '../../src/domain/lead/lead.service';

const mail = new FakeHttpServer(() => ({ body: { ok: true } }));
const sms = new FakeHttpServer(() => ({ body: { ok: true } }));
const env: Record<string, string> = {};
beforeAll(async () => {
  Object.assign(env, { MAIL_WEBHOOK_URL: `${await mail.start()}/send`, SMS_WEBHOOK_URL: `${await sms.start()}/sms`, SMS_WEBHOOK_TOKEN: 'sms-token', ALERT_EMAIL_TO: 'boss@example.com' });
});
afterAll(async () => {
  await mail.close();
  await sms.close();
});
// The gateways' addresses are known once they listen (the beforeAll above runs first).
const service = useLiveChatService('bo_leads_orders', env);
const app = () => service().app;

describe('leads handed to sales consultants, and orders told to the customer as they move', () => {
  let agent: ReturnType<typeof asUser>;
  let manager: ReturnType<typeof asUser>;
  let customer = '';
  let conversation = '';
  let visitor: Awaited<ReturnType<typeof openChat>>;

  beforeAll(async () => {
    agent = asUser(app(), await signIn(app(), await addUser('王小明')));
    manager = asUser(app(), await signIn(app(), await addUser('李经理', 'manager')));
    visitor = await openChat(app(), { locale: 'zh-CN', name: '钱女士', phone: '13912345678' });
    conversation = visitor.conversationId;
    customer = String((await Conversation.findById(conversation).lean())!.customer);
  });

  it('assigns a lead to a consultant, who is told by e-mail; notes set the next contact; the due list and reminder follow', async () => {
    expect((await agent('POST', '/api/v1/console/directory', { kind: 'sales_consultant', name: '赵顾问' })).statusCode).toBe(403);
    const consultant = (await manager('POST', '/api/v1/console/directory', { kind: 'sales_consultant', name: '赵顾问', email: 'zhao@example.com', phone: '13800001234', store: '观山湖店' })).json();
    expect(consultant).toMatchObject({ kind: 'sales_consultant', phone: '+8613800001234', active: true });
    const lead = (await manager('POST', '/api/v1/console/leads', { customer, conversation, need: '想找住家保姆，照顾老人' })).json();
    expect((await agent('GET', '/api/v1/console/leads?view=open')).json().items[0]).toMatchObject({ id: lead.id, status: 'new', sourceChannel: 'web', customer: { name: '钱女士' } });

    const assigned = await agent('POST', `/api/v1/console/leads/${lead.id}/assign`, { consultant: consultant.id, note: '客户希望周末面试' });
    expect(assigned.json()).toMatchObject({ status: 'assigned', consultant: { name: '赵顾问' }, handler: { name: expect.stringContaining('李经理') } });
    await eventually(() => mail.calls.find((c) => (c.body as { to: string[] }).to.includes('zhao@example.com')));
    const letter = mail.calls.find((c) => (c.body as { to: string[] }).to.includes('zhao@example.com'))!.body as { subject: string; text: string };
    expect(letter.subject).toContain('赵顾问');
    expect(letter.text).toContain('照顾老人');

    // Lost needs a reason; signed is allowed from assigned; a note sets the next contact.
    expect((await agent('POST', `/api/v1/console/leads/${lead.id}/notes`, { note: '客户说再考虑', status: 'lost' })).json().error.details).toEqual([expect.objectContaining({ field: 'lostReason' })]);
    const past = new Date(Date.now() - 60_000).toISOString();
    const noted = await agent('POST', `/api/v1/console/leads/${lead.id}/notes`, { note: '已电话联系，约周五回电', status: 'contacted', nextContactAt: past });
    expect(noted.json()).toMatchObject({ status: 'contacted', due: true, nextContactAt: past });
    expect((await agent('GET', '/api/v1/console/leads?view=due')).json().items.map((l: { id: string }) => l.id)).toEqual([lead.id]);
    expect(await remindDueLeads(new Date())).toBe(1);
    expect(await remindDueLeads(new Date())).toBe(0);
    expect((await agent('POST', `/api/v1/console/leads/${lead.id}/notes`, { note: '签约了', status: 'signed' })).json()).toMatchObject({ status: 'signed', signedAt: expect.any(String) });
    expect((await agent('POST', `/api/v1/console/leads/${lead.id}/notes`, { note: '又联系', status: 'new' })).statusCode).toBe(409);
    const stored = await Lead.findById(lead.id).lean();
    expect(stored!.history.map((h) => h.to)).toEqual(['new', 'assigned', 'contacted', 'signed']);
  });

  it('a serious complaint reaches the configured alert e-mail at once', async () => {
    const before = mail.calls.length;
    await manager('POST', '/api/v1/console/complaints', { customer, conversation, severity: 'serious', category: 'injury', description: '老人被烫伤' });
    const alert = await eventually(() => mail.calls.slice(before).find((c) => (c.body as { to: string[] }).to.includes('boss@example.com')));
    expect((alert.body as { subject: string }).subject).toContain('严重投诉');
  });

  it('ships an order with courier and tracking number and the customer reads it in their chat; delivery starts the receivable and a follow-up', async () => {
    const order = (await manager('POST', '/api/v1/console/orders', {
      customer, conversation, items: [{ product: '天朝上品 500ml', quantity: 2, unitPriceFen: 39900 }], recipient: { name: '钱女士', phone: '13912345678' }, address: '贵阳市观山湖区金阳大道 1 号', payment: 'cod',
    })).json();
    const noTracking = await agent('POST', `/api/v1/console/orders/${order.id}/status`, { to: 'shipped', courier: '圆通速递' });
    expect(noTracking.statusCode).toBe(400);
    expect(noTracking.json().error.details).toEqual([expect.objectContaining({ field: 'trackingNumber' })]);
    expect((await agent('POST', `/api/v1/console/orders/${order.id}/status`, { to: 'completed' })).statusCode).toBe(409);
    const shipped = await agent('POST', `/api/v1/console/orders/${order.id}/status`, { to: 'shipped', courier: '圆通速递', trackingNumber: 'YT1234567890' });
    expect(shipped.json()).toMatchObject({ status: 'shipped', courier: '圆通速递', trackingNumber: 'YT1234567890', notifications: [expect.objectContaining({ status: 'shipped', via: 'chat', channel: 'web', ok: true })] });
    const seen = await transcript(app(), visitor);
    expect(seen.messages.at(-1)).toMatchObject({ author: 'bot', text: expect.stringContaining('YT1234567890') });
    expect(seen.messages.at(-1)!.text).toContain('圆通速递');

    const delivered = await agent('POST', `/api/v1/console/orders/${order.id}/status`, { to: 'delivered' });
    expect(delivered.json()).toMatchObject({ status: 'delivered', receivableDueAt: expect.any(String), overdue: false });
    expect(await FollowUp.exists({ order: order.id, reason: 'after_order' })).toBeTruthy();
    // Overdue once the receivable date passed (7 days), off the list once paid.
    await Order.updateOne({ _id: order.id }, { $set: { receivableDueAt: new Date(Date.now() - 1000) } });
    expect((await agent('GET', '/api/v1/console/orders?view=overdue')).json().items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await agent('POST', `/api/v1/console/orders/${order.id}/payment`, { note: '快递代收货款已到账' })).json()).toMatchObject({ paid: { fen: 79800 }, overdue: false });
    expect((await agent('GET', '/api/v1/console/orders?view=overdue')).json().items).toEqual([]);
  });

  it('a customer who refused WeChat gets the update by SMS through the gateway', async () => {
    const v = await openChat(app(), { locale: 'zh-CN', name: '孙先生', phone: '13700002222' });
    await say(app(), v, '你好');
    const c = String((await Conversation.findById(v.conversationId).lean())!.customer);
    const order = (await manager('POST', '/api/v1/console/orders', { customer: c, items: [{ product: '天朝上品 500ml', quantity: 1, unitPriceFen: 39900 }], recipient: { name: '孙先生', phone: '13700002222' }, address: '贵阳市云岩区中华北路 2 号', payment: 'online', updatesVia: 'sms', channel: 'web' })).json();
    const shipped = await agent('POST', `/api/v1/console/orders/${order.id}/status`, { to: 'shipped', courier: '安能物流', trackingNumber: 'AN-998877' });
    expect(shipped.json().notifications).toEqual([expect.objectContaining({ via: 'sms', ok: true })]);
    const call = sms.calls.at(-1)!;
    expect(call.headers.authorization).toBe('Bearer sms-token');
    expect(call.body).toEqual({ to: '+8613700002222', text: expect.stringContaining('AN-998877') });
  });

  it('keeps the lead’s and the order’s personal fields encrypted in the database', async () => {
    const db = (await import('mongoose')).default.connection.db!;
    const raw = JSON.stringify(await Promise.all(['leads', 'orders', 'complaints', 'customers', 'directory'].map((c) => db.collection(c).find({}).toArray())));
    for (const clear of ['钱女士', '13912345678', '金阳大道', '13700002222', '中华北路', 'zhao@example.com', '赵顾问']) expect(raw).not.toContain(clear);
  });
});
