import mongoose from 'mongoose';
import { useLiveChatService, addUser, asUser, openChat, signIn } from '../helpers/live-chat';
import { Conversation, Contract, CustomerIdentity, FollowUp } from '../../src/domain/models';
import { onNotice, type Notice } from '../../src/domain/shared/notices';
import { contractRenewalJob } from '../../src/jobs/contract-renewal.job';

const service = useLiveChatService('bo_archives');
const app = () => service().app;
const DAY = 86400_000;

describe('archives: customers, contracts with the renewal list, domestic workers with the movement log', () => {
  let agent: ReturnType<typeof asUser>;
  let manager: ReturnType<typeof asUser>;
  let customer = '';
  const notices: Notice[] = [];

  beforeAll(async () => {
    onNotice((n) => void notices.push(n));
    agent = asUser(app(), await signIn(app(), await addUser('档案员')));
    manager = asUser(app(), await signIn(app(), await addUser('店长', 'manager')));
    const v = await openChat(app(), { locale: 'zh-CN', name: '欧阳女士', phone: '13812340000' });
    customer = String((await Conversation.findById(v.conversationId).lean())!.customer);
  });

  it('a worker’s status changes land in the movement log; going on duty schedules the placement follow-ups', async () => {
    const created = await agent('POST', '/api/v1/console/staff', { name: '刘阿姨', phone: '139 0000 1111', idNumber: '52010219800101123X', store: '观山湖店', skills: ['育儿', '做饭'] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'new', phone: '+8613900001111', movements: [{ to: 'new', store: '观山湖店' }] });
    expect((await agent('POST', `/api/v1/console/staff/${id}/status`, { to: 'returned' })).statusCode).toBe(409);
    const onDuty = await agent('POST', `/api/v1/console/staff/${id}/status`, { to: 'on_duty', customer, note: '住家，照顾老人' });
    expect(onDuty.json()).toMatchObject({ status: 'on_duty', placement: { customer: { id: customer, name: '欧阳女士' } } });
    const visits = await FollowUp.find({ reason: 'after_placement' }).lean();
    expect(visits.map((v) => v.targetType).sort()).toEqual(['customer', 'staff']);
    const back = await agent('POST', `/api/v1/console/staff/${id}/status`, { to: 'returned', note: '合同到期返回' });
    expect(back.json().movements.map((m: { from?: string; to: string }) => `${m.from ?? ''}→${m.to}`)).toEqual(['→new', 'new→on_duty', 'on_duty→returned']);
    expect(back.json().placement).toBeUndefined();
    // Found by part of the name, the phone, the ID number.
    for (const q of ['刘阿', '13900001111', '1111', '52010219800101123X']) expect((await agent('GET', `/api/v1/console/staff?q=${encodeURIComponent(q)}`)).json().items.map((s: { id: string }) => s.id)).toEqual([id]);
  });

  it('a contract 15 days from its end is on the renewal list; the morning job tells the store and the consultant once; the renewal is recorded', async () => {
    const now = Date.now();
    const storeManager = (await manager('POST', '/api/v1/console/directory', { kind: 'store_manager', name: '观山湖店长', store: '观山湖店', email: 'store@example.com' })).json();
    const body = { number: 'HT-2025-001', customer, store: '观山湖店', start: new Date(now - 350 * DAY).toISOString(), end: new Date(now + 15 * DAY - 3600_000).toISOString(), amountFen: 4800000, serviceAddress: '贵阳市观山湖区长岭南路 8 号' };
    const created = await agent('POST', '/api/v1/console/contracts', body);
    expect(created.statusCode).toBe(201);
    expect((await agent('POST', '/api/v1/console/contracts', body)).json().error).toMatchObject({ code: 'DUPLICATE' });
    const far = (await agent('POST', '/api/v1/console/contracts', { ...body, number: 'HT-2025-002', end: new Date(now + 60 * DAY).toISOString() })).json();
    const renewals = (await agent('GET', '/api/v1/console/contracts?view=renewals')).json().items;
    expect(renewals.map((c: { number: string }) => c.number)).toEqual(['HT-2025-001']);
    expect(renewals[0]).toMatchObject({ daysLeft: 15, renewal: { state: 'none' }, serviceAddress: '贵阳市观山湖区长岭南路 8 号' });

    notices.length = 0;
    await contractRenewalJob(() => new Date(now)).run({}, undefined as never);
    await contractRenewalJob(() => new Date(now + 60_000)).run({}, undefined as never);
    expect(notices).toEqual([expect.objectContaining({ kind: 'contract.renewal', managers: true, contacts: [expect.objectContaining({ name: storeManager.name, email: 'store@example.com' })] })]);
    expect((await agent('GET', `/api/v1/console/contracts/${created.json().id}`)).json().renewal).toMatchObject({ state: 'notified' });
    expect((await Contract.findById(far.id).lean())!.renewal!.state).toBe('none');
    expect(await FollowUp.exists({ contract: created.json().id, reason: 'renewal' })).toBeTruthy();

    const renewed = await agent('POST', `/api/v1/console/contracts/${created.json().id}/renew`, { number: 'HT-2026-001', start: body.end, end: new Date(now + 380 * DAY).toISOString(), amountFen: 5000000 });
    expect(renewed.statusCode).toBe(201);
    expect(renewed.json()).toMatchObject({ number: 'HT-2026-001', renewal: { state: 'none', renewedFrom: created.json().id } });
    expect((await agent('GET', '/api/v1/console/contracts?view=renewals')).json().items).toEqual([]);
    expect((await agent('POST', `/api/v1/console/contracts/${created.json().id}/renew`, { number: 'HT-2026-009', start: body.end, end: body.end, amountFen: 1 })).statusCode).toBe(409);
  });

  it('merges two records of one person (a manager): identities and records move, and the next message lands on the kept one', async () => {
    const other = await openChat(app(), { locale: 'zh-CN', name: '欧阳娜', phone: '13812340001' });
    const second = String((await Conversation.findById(other.conversationId).lean())!.customer);
    expect((await agent('POST', `/api/v1/console/customers/${customer}/merge`, { source: second })).statusCode).toBe(403);
    const merged = await manager('POST', `/api/v1/console/customers/${customer}/merge`, { source: second });
    expect(merged.json()).toMatchObject({ id: customer, name: '欧阳女士', identities: [expect.objectContaining({ channel: 'web' }), expect.objectContaining({ channel: 'web' })] });
    expect(await CustomerIdentity.countDocuments({ customer })).toBe(2);
    expect(String((await Conversation.findById(other.conversationId).lean())!.customer)).toBe(customer);
    expect((await agent('GET', '/api/v1/console/customers?q=欧阳')).json().items.map((c: { id: string }) => c.id)).toEqual([customer]);
    expect((await agent('GET', '/api/v1/console/customers?q=0000')).json().items.map((c: { id: string }) => c.id)).toEqual([customer]);
  });

  it('the database holds no personal field in clear text, in any archive', async () => {
    const db = mongoose.connection.db!;
    const raw = JSON.stringify(await Promise.all(['customers', 'staff', 'contracts', 'leads', 'orders', 'complaints', 'directory'].map((c) => db.collection(c).find({}).toArray())));
    for (const clear of ['欧阳女士', '13812340000', '刘阿姨', '13900001111', '52010219800101123X', '长岭南路', '观山湖店长']) expect(raw).not.toContain(clear);
    expect(raw).toContain('enc1.');
  });
});
