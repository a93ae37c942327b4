import { useLiveChatService, addUser, asUser, openChat, signIn } from '../helpers/live-chat';
import { Complaint, Conversation, FollowUp, Staff } from '../../src/domain/models';
import { sampleWeek } from '../../src/domain/qa/qa.service';
import { dayStart, weekMonday } from '../../src/domain/shared/day-range';
import { localDay } from '../../src/domain/shared/local-day';

const service = useLiveChatService('bo_followups');
const app = () => service().app;
const DAY = 86400_000;

describe('follow-up visits for customers and workers, and the weekly QA spot check', () => {
  let agent: ReturnType<typeof asUser>;
  let manager: ReturnType<typeof asUser>;
  let agentUser: Awaited<ReturnType<typeof addUser>>;
  let customer = '';

  beforeAll(async () => {
    agentUser = await addUser('回访员');
    agent = asUser(app(), await signIn(app(), agentUser));
    manager = asUser(app(), await signIn(app(), await addUser('质检经理', 'manager')));
    const v = await openChat(app(), { locale: 'zh-CN', name: '吴先生', phone: '13512345678' });
    customer = String((await Conversation.findById(v.conversationId).lean())!.customer);
  });

  it('lists due-today and overdue visits for customers and domestic workers; an agent records a call; a low score opens a complaint', async () => {
    const worker = await Staff.create({ name: '黄阿姨', phone: '+8613600001234' });
    const overdue = (await agent('POST', '/api/v1/console/follow-ups', { targetType: 'staff', staff: String(worker._id), dueAt: new Date(Date.now() - 3 * DAY).toISOString(), notes: '了解上户情况' })).json();
    const today = (await agent('POST', '/api/v1/console/follow-ups', { targetType: 'customer', customer, dueAt: new Date().toISOString(), reason: 'periodic' })).json();
    expect((await agent('POST', '/api/v1/console/follow-ups', { targetType: 'staff', dueAt: new Date().toISOString() })).statusCode).toBe(400);
    expect(overdue).toMatchObject({ targetType: 'staff', target: { name: '黄阿姨' }, overdue: true, byBot: false });
    expect((await agent('GET', '/api/v1/console/follow-ups?view=overdue')).json().items.map((f: { id: string }) => f.id)).toEqual([overdue.id]);
    expect((await agent('GET', '/api/v1/console/follow-ups?view=due_today')).json().items.map((f: { id: string }) => f.id)).toContain(today.id);

    const done = await agent('POST', `/api/v1/console/follow-ups/${today.id}/result`, { via: 'phone', result: '客户反映阿姨做饭不合口味', scores: { attitude: 4, speed: 3, resolution: 2 }, comment: '希望换人' });
    expect(done.json()).toMatchObject({ status: 'done', via: 'phone', scores: { resolution: 2 }, complaintId: expect.any(String), recordedBy: { name: '回访员' } });
    expect(await Complaint.findById(done.json().complaintId).lean()).toMatchObject({ severity: 'general', customer: expect.anything() });
    expect((await agent('POST', `/api/v1/console/follow-ups/${today.id}/result`, { via: 'phone', result: 'again' })).statusCode).toBe(409);
    expect((await agent('GET', '/api/v1/console/follow-ups?view=done')).json().items.map((f: { id: string }) => f.id)).toEqual([today.id]);
    expect((await agent('POST', `/api/v1/console/follow-ups/${overdue.id}/close`, { to: 'missed', note: '电话无人接听' })).json()).toMatchObject({ status: 'missed' });
  });

  it('samples each agent’s chats of last week at random for a manager to score on the scorecard', async () => {
    const lastWeek = dayStart(weekMonday(localDay(new Date()), -1), 1).getTime();
    for (let i = 0; i < 5; i++) {
      await Conversation.create({ channel: 'web', customer, conversationKey: `qa${i}`, externalUserId: 'qa', openKey: `closed:qa${i}`, status: 'closed', assignee: agentUser.id, closedAt: new Date(lastWeek + i * 3600_000) });
    }
    const first = await sampleWeek(new Date(), 3);
    expect(first.sampled).toBe(3);
    expect((await sampleWeek(new Date(), 3)).sampled).toBe(0);
    const items = (await manager('GET', `/api/v1/console/qa?week=${first.week}`)).json().items;
    expect(items.length).toBe(first.sampled);
    expect((await agent('GET', '/api/v1/console/qa')).statusCode).toBe(403);
    const scored = await manager('POST', `/api/v1/console/qa/${items[0].id}/score`, { scores: { opening: 5, politeness: 4, accuracy: 4, resolution: 3, closing: 5 }, comment: '开场白规范，解决略慢' });
    expect(scored.json()).toMatchObject({ status: 'scored', total: 4.2, reviewer: '质检经理' });
    expect((await manager('POST', `/api/v1/console/qa/${items[0].id}/score`, { scores: { opening: 6, politeness: 4, accuracy: 4, resolution: 3, closing: 5 } })).statusCode).toBe(400);
  });

  it('leaves the bot survey job only customer visits with the bot’s script; worker visits wait for an agent', async () => {
    const staffVisits = await FollowUp.find({ targetType: 'staff' }).lean();
    expect(staffVisits.every((f) => f.script !== 'follow-up-survey')).toBe(true);
  });
});
