import { useLiveChatService, addUser, asUser, openChat, signIn } from '../helpers/live-chat';
import { BOSS } from '../helpers/service-config';
import { Complaint, Conversation, Staff } from '../../src/domain/models';
import { onNotice, type Notice } from '../../src/domain/shared/notices';
import { sweepComplaintDeadlines } from '../../src/domain/complaint/complaint.service';
import { complaintDeadlinesJob } from '../../src/jobs/complaint-deadlines.job';

const service = useLiveChatService('bo_complaints');
const app = () => service().app;
const HOUR = 3600_000;

describe('the complaint procedure, step by step, by the people allowed to take each step', () => {
  let agent: ReturnType<typeof asUser>;
  let manager: ReturnType<typeof asUser>;
  let boss: ReturnType<typeof asUser>;
  let agentUser: Awaited<ReturnType<typeof addUser>>;
  let customer = '';
  let conversation = '';
  const notices: Notice[] = [];

  beforeAll(async () => {
    onNotice((n) => void notices.push(n));
    agentUser = await addUser('周晓', 'agent');
    agent = asUser(app(), await signIn(app(), agentUser));
    manager = asUser(app(), await signIn(app(), await addUser('客服经理', 'manager')));
    boss = asUser(app(), await signIn(app(), BOSS));
    const v = await openChat(app(), { locale: 'zh-CN', name: '钱女士', phone: '13912345678' });
    conversation = v.conversationId;
    customer = String((await Conversation.findById(conversation).lean())!.customer);
  });

  // Records are made from the chat panel's routes, which let an agent write only for the chats they serve: a manager makes them here.
  const step = (who: ReturnType<typeof asUser>, id: string, name: string, body: Record<string, unknown> = {}) => who('POST', `/api/v1/console/complaints/${id}/steps/${name}`, body);

  it('walks a general complaint from accepted to closed, and issues a penalty slip that is acknowledged and signed off', async () => {
    const created = await manager('POST', '/api/v1/console/complaints', { customer, conversation, severity: 'general', category: 'attitude', description: '阿姨态度很差，说话很冲' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const listed = (await agent('GET', '/api/v1/console/complaints')).json().items.find((c: { id: string }) => c.id === id);
    expect(listed).toMatchObject({ status: 'accepted', overdue: false, steps: ['judge'], customer: { name: '钱女士', phone: '+8613912345678' }, number: expect.stringMatching(/^C\d{12}$/) });
    expect(Date.parse(listed.feedbackDueAt) - Date.parse(listed.createdAt)).toBe(24 * HOUR);

    // Judging needs the finding; a missing field is named.
    const bad = await step(agent, id, 'judge', {});
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'justified' })]);
    expect((await step(agent, id, 'judge', { justified: true, note: '属实' })).json()).toMatchObject({ status: 'investigating', justified: true });
    // A step out of order is refused, and the register says which steps apply.
    expect((await step(agent, id, 'close', { summary: 'x' })).statusCode).toBe(409);

    const worker = await Staff.create({ name: '张阿姨', phone: '+8613700001111', store: '观山湖店' });
    const investigated = await step(agent, id, 'investigate', { cause: '阿姨当天情绪不好，对客户语气生硬', store: '观山湖店', responsible: { staff: String(worker._id), description: '服务人员态度' } });
    expect(investigated.json()).toMatchObject({ status: 'investigated', investigation: { cause: expect.stringContaining('语气'), store: '观山湖店' }, responsible: { staff: { name: '张阿姨' } } });
    expect((await step(agent, id, 'propose', { resolution: '门店经理登门道歉，赠送小礼品；对责任人罚款 50 元' })).json().status).toBe('proposed');

    // Only a manager approves; then the customer is told, satisfaction followed up, and a manager closes it.
    expect((await step(agent, id, 'approve')).statusCode).toBe(403);
    expect((await step(manager, id, 'approve', { note: '同意' })).json()).toMatchObject({ status: 'approved', approvals: { manager: { name: '客服经理' } } });
    expect((await step(agent, id, 'inform', { text: '已电话告知客户处理结果并致歉' })).json()).toMatchObject({ status: 'informed', lastFeedbackAt: expect.any(String) });
    expect((await step(agent, id, 'followUp', { score: 4, comment: '客户表示满意' })).json()).toMatchObject({ status: 'followed_up', satisfaction: { score: 4 } });
    expect((await step(agent, id, 'close', { summary: 'x' })).statusCode).toBe(403);
    const closed = await step(manager, id, 'close', { summary: '服务态度问题，已处理', improvement: '加强阿姨服务礼仪培训' });
    expect(closed.json()).toMatchObject({ status: 'closed', summary: { text: '服务态度问题，已处理' }, steps: [] });
    expect(closed.json().history.map((h: { to: string }) => h.to)).toEqual(['accepted', 'investigating', 'investigated', 'proposed', 'approved', 'informed', 'followed_up', 'closed']);

    // 职员处罚单: issued by the officer, signed by the worker (on paper, recorded), signed off by the general manager.
    const slip = await agent('POST', '/api/v1/console/penalties', { complaint: id, subject: { kind: 'staff', staff: String(worker._id) }, amountFen: 5000, reason: '服务态度差，客户投诉' });
    expect(slip.statusCode).toBe(201);
    expect(slip.json()).toMatchObject({ status: 'issued', subject: { kind: 'staff', name: '张阿姨' }, number: expect.stringMatching(/^P\d{12}$/) });
    const slipId = slip.json().id;
    expect((await agent('POST', `/api/v1/console/penalties/${slipId}/sign`, {})).statusCode).toBe(403);
    expect((await agent('POST', `/api/v1/console/penalties/${slipId}/acknowledge`, { note: '本人已在纸质处罚单上签字' })).json()).toMatchObject({ status: 'acknowledged', acknowledged: { onPaper: true } });
    // No general manager in the directory: the admin signs in that place.
    const signed = await boss('POST', `/api/v1/console/penalties/${slipId}/sign`, { month: '2025-07' });
    expect(signed.json()).toMatchObject({ status: 'signed', month: '2025-07', signedOff: { name: expect.any(String) } });
    const sheet = (await manager('GET', '/api/v1/console/penalties/deductions?month=2025-07')).json();
    expect(sheet.lines).toEqual([expect.objectContaining({ kind: 'staff', name: '张阿姨', totalFen: 5000 })]);
  });

  it('an unjustified complaint gets the reply and is closed without investigation', async () => {
    const id = (await manager('POST', '/api/v1/console/complaints', { customer, conversation, severity: 'general', description: '为什么不能免费上门' })).json().id;
    expect((await step(agent, id, 'judge', { justified: false })).json().error.details).toEqual([expect.objectContaining({ field: 'reply' })]);
    expect((await step(agent, id, 'judge', { justified: false, reply: '按协议上门服务按次收费，已向您说明' })).json()).toMatchObject({ status: 'rejected', judgement: { reply: expect.any(String) }, steps: ['close'] });
    expect((await step(manager, id, 'close', { summary: '不成立，已解释' })).json().status).toBe('closed');
  });

  it('a serious complaint alerts the managers at once and needs the general manager’s approval too', async () => {
    const gmUser = await addUser('总经理', 'manager');
    const gm = asUser(app(), await signIn(app(), gmUser));
    const entry = await manager('POST', '/api/v1/console/directory', { kind: 'general_manager', name: '总经理', user: gmUser.id, wecomUserId: 'gm001' });
    expect(entry.statusCode).toBe(201);
    notices.length = 0;
    const id = (await manager('POST', '/api/v1/console/complaints', { customer, conversation, severity: 'serious', category: 'theft', description: '家里的金项链不见了，怀疑阿姨拿走' })).json().id;
    expect(notices).toEqual([expect.objectContaining({ kind: 'complaint.serious', managers: true, alert: true, link: { page: 'complaints', params: [id] } })]);
    await step(agent, id, 'judge', { justified: true });
    await step(agent, id, 'investigate', { cause: '已报警，配合派出所调查' });
    await step(agent, id, 'propose', { resolution: '先行赔付 2000 元，后追究内部责任', compensationFen: 200000 });
    const first = await step(manager, id, 'approve');
    expect(first.json()).toMatchObject({ status: 'proposed', needsGeneralManager: true, approvals: { manager: { name: '客服经理' } } });
    expect(first.json().approvals.generalManager).toBeUndefined();
    // An admin is no longer the general manager once one is named in the directory.
    expect((await step(boss, id, 'approve')).statusCode).toBe(403);
    expect((await step(gm, id, 'approve', { note: '大客户，同意先行赔付' })).json()).toMatchObject({ status: 'approved', approvals: { generalManager: { name: '总经理' } } });
  });

  it('on a fixed clock: the handler is reminded before the 24 hours pass, and the managers are alerted when they have passed', async () => {
    const t0 = new Date('2025-07-01T02:00:00Z');
    const created = await Complaint.create({ customer, conversation, channel: 'web', severity: 'general', category: 'delivery', description: '快递一直没到', assignee: agentUser.id, createdAt: t0, statusHistory: [{ to: 'accepted', at: t0 }] });
    notices.length = 0;
    const job = (at: Date) => complaintDeadlinesJob({ remindMinutes: 120, now: () => at });
    await job(new Date(t0.getTime() + 21 * HOUR)).run({}, undefined as never);
    expect(notices.filter((n) => n.link?.params[0] === String(created._id))).toEqual([]);
    await job(new Date(t0.getTime() + 23 * HOUR)).run({}, undefined as never);
    await job(new Date(t0.getTime() + 23.5 * HOUR)).run({}, undefined as never);
    const mine = () => notices.filter((n) => n.link?.params[0] === String(created._id));
    expect(mine()).toEqual([expect.objectContaining({ kind: 'complaint.due_soon', users: [agentUser.id], params: expect.objectContaining({ minutes: 60 }) })]);
    await job(new Date(t0.getTime() + 25 * HOUR)).run({}, undefined as never);
    await sweepComplaintDeadlines(new Date(t0.getTime() + 26 * HOUR), 120 * 60_000);
    expect(mine().map((n) => n.kind)).toEqual(['complaint.due_soon', 'complaint.overdue']);
    expect(mine()[1]).toMatchObject({ managers: true, alert: true, params: { hours: 1 } });
    const view = (await agent('GET', `/api/v1/console/complaints/${created._id}`)).json();
    expect(view).toMatchObject({ overdue: true, escalated: true });
    expect(view.history.at(-1).note).toContain('escalated');
    // Feedback given moves the deadline: a new reminder becomes possible, for the new deadline only.
    const fed = await agent('POST', `/api/v1/console/complaints/${created._id}/feedback`, { note: '已告知客户快递在途', nextContactAt: new Date(Date.now() + 6 * HOUR).toISOString() });
    expect(fed.json()).toMatchObject({ overdue: false, escalated: false });
  });

  it('the chat panel’s PATCH may judge a complaint justified, but not skip the procedure', async () => {
    const id = (await manager('POST', '/api/v1/console/complaints', { customer, conversation, severity: 'general', description: '发票开错了' })).json().id;
    expect((await manager('PATCH', `/api/v1/console/complaints/${id}`, { status: 'closed' })).statusCode).toBe(409);
    expect((await manager('PATCH', `/api/v1/console/complaints/${id}`, { status: 'investigating', feedbackGiven: true })).json()).toMatchObject({ status: 'investigating' });
    expect((await agent('GET', '/api/v1/console/complaints?view=open&severity=general&q=发票')).json().items.map((c: { id: string }) => c.id)).toEqual([id]);
  });
});
