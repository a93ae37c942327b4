import { useLiveChatService, addUser, online, signIn, waitingCustomer, asUser } from '../helpers/live-chat';
import { AuditLog, Violation } from '../../src/domain/models';
import { localDay } from '../../src/domain/shared/local-day';

const service = useLiveChatService('violations');
const app = () => service().app;
const C = '/api/v1/console/conversations';
const V = '/api/v1/console/violations';

describe('the violations ledger: warnings, fines, decisions with reasons (001 §二)', () => {
  let asBoss: ReturnType<typeof asUser>;
  beforeAll(async () => {
    asBoss = asUser(app(), await signIn(app(), { email: 'boss@example.com', password: 'first-admin-password' }));
  });

  /** A new agent with a claimed chat. */
  async function agentWithChat(name: string) {
    const agent = await addUser(name);
    const as = asUser(app(), await online(app(), agent));
    const v = await waitingCustomer(app());
    await as('POST', `${C}/${v.conversationId}/claim`);
    return { agent, as, conversationId: v.conversationId };
  }
  const tally = async (agentId: string) => (await asBoss('GET', `${V}?agentId=${agentId}`)).json().byAgent[0];

  it('makes a blocked attempt a warning; a manager confirms it with a reason and only then it is fined and counted', async () => {
    const { agent, as, conversationId } = await agentWithChat('冯一');
    expect((await as('POST', `${C}/${conversationId}/messages`, { text: '你是不是傻' })).statusCode).toBe(422);
    const [entry] = (await asBoss('GET', `${V}?agentId=${agent.id}`)).json().items;
    expect(entry).toMatchObject({ status: 'warning', kind: 'blocked', category: 'insult', fine: 200 });
    expect(await tally(agent.id)).toMatchObject({ warnings: 1, offences: 0, fines: 0, dismissal: false });

    const noReason = await asBoss('POST', `${V}/${entry.id}/confirm`, {});
    expect(noReason.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'reason' })] });
    const confirmed = await asBoss('POST', `${V}/${entry.id}/confirm`, { reason: '客户截图投诉，确有此意' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'fined', decisions: [{ action: 'confirm', reason: '客户截图投诉，确有此意', by: { name: 'Administrator' } }] });
    expect(await tally(agent.id)).toMatchObject({ warnings: 0, offences: 1, fines: 200, byCategory: [{ category: 'insult', offences: 1, fines: 200, dismissalAt: 3, dismissal: false }] });
    expect(await AuditLog.findOne({ action: 'violation.confirm', 'entity.id': entry.id }).lean()).toMatchObject({ changes: { to: 'fined', reason: '客户截图投诉，确有此意' } });
    // Confirming twice does not apply to a fined entry.
    expect((await asBoss('POST', `${V}/${entry.id}/confirm`, { reason: '再次确认' })).json().error.code).toBe('DECISION_NOT_ALLOWED');
  });

  it('lets the agent appeal their own fine, not confirm or waive; a manager then waives it', async () => {
    const { agent, as, conversationId } = await agentWithChat('陈二');
    await as('POST', `${C}/${conversationId}/messages`, { text: '烦不烦' });
    const [entry] = (await as('GET', V)).json().items;
    expect((await as('POST', `${V}/${entry.id}/confirm`, { reason: '我自己确认' })).statusCode).toBe(403);
    await asBoss('POST', `${V}/${entry.id}/confirm`, { reason: '态度不耐烦' });
    const appealed = await as('POST', `${V}/${entry.id}/appeal`, { reason: '客户先辱骂我，我是在转述' });
    expect(appealed.json()).toMatchObject({ status: 'appealed' });
    expect(await tally(agent.id)).toMatchObject({ offences: 0, fines: 0 });
    expect((await as('POST', `${V}/${entry.id}/waive`, { reason: '自己免罚' })).statusCode).toBe(403);
    expect((await asBoss('POST', `${V}/${entry.id}/waive`, { reason: '核实后属转述，免罚' })).json()).toMatchObject({ status: 'waived' });
    expect((await asBoss('POST', `${V}/${entry.id}/reject`, { reason: 'x' })).json().error.details).toEqual([expect.objectContaining({ field: 'decision' })]);
  });

  it('shows an agent only their own ledger', async () => {
    const { as, agent } = await agentWithChat('褚三');
    const mine = (await as('GET', V)).json();
    expect(mine.items.every((i: { agent: { id: string } }) => i.agent.id === agent.id)).toBe(true);
    const other = await addUser('卫四');
    expect((await as('GET', `${V}?agentId=${other.id}`)).json().items.every((i: { agent: { id: string } }) => i.agent.id === agent.id)).toBe(true);
  });

  it('fines a sent message a manager reports (the customer saw it) and applies each category’s dismissal rule', async () => {
    const { agent, as, conversationId } = await agentWithChat('蒋五');
    const sent = async (text: string) => (await as('POST', `${C}/${conversationId}/messages`, { text })).json().message.id as string;
    const rude = [await sent('您等着吧'), await sent('我说了您也不懂'), await sent('别问了')];
    for (const messageId of rude) expect((await asBoss('POST', V, { messageId, category: 'impolite', reason: '语气不耐烦' })).statusCode).toBe(201);
    expect((await asBoss('POST', V, { messageId: rude[0], category: 'impolite', reason: '重复登记' })).json().error.code).toBe('DUPLICATE');
    let row = await tally(agent.id);
    expect(row).toMatchObject({ offences: 3, fines: 60, dismissal: true, byCategory: [{ category: 'impolite', offences: 3, fines: 60, dismissalAt: 3, dismissal: true }] });

    const { agent: other, as: asOther, conversationId: c2 } = await agentWithChat('沈六');
    const quarrel = (await asOther('POST', `${C}/${c2}/messages`, { text: '那您想怎样就怎样吧' })).json().message.id;
    await asBoss('POST', V, { messageId: quarrel, category: 'quarrel', phrase: '想怎样就怎样', reason: '与客户争执' });
    row = await tally(other.id);
    expect(row).toMatchObject({ offences: 1, fines: 0, dismissal: true, byCategory: [{ category: 'quarrel', offences: 1, dismissalAt: 1, dismissal: true }] });
    expect((await Violation.findOne({ message: quarrel }).lean())).toMatchObject({ kind: 'sent', status: 'fined', phrase: '想怎样就怎样' });
  });

  it('refuses bad reports and filters by month', async () => {
    const { as, conversationId } = await agentWithChat('韩七');
    const note = (await as('POST', `${C}/${conversationId}/messages`, { text: '内部：客户情绪激动', internal: true })).json().message.id;
    expect((await asBoss('POST', V, { messageId: note, category: 'impolite', reason: '备注' })).json().error.code).toBe('MESSAGE_NOT_FOUND');
    expect((await asBoss('POST', V, { messageId: 'nope', category: 'impolite', reason: 'x' })).json().error.details).toEqual([expect.objectContaining({ field: 'messageId' })]);
    expect((await asBoss('POST', V, { messageId: note, category: 'rude', reason: 'x' })).json().error.details).toEqual([expect.objectContaining({ field: 'category' })]);
    expect((await asBoss('GET', `${V}?month=2025-13`)).json().error.details).toEqual([expect.objectContaining({ field: 'month' })]);
    expect((await asBoss('GET', `${V}?month=2001-01`)).json()).toEqual({ items: [], byAgent: [] });
    const month = localDay().slice(0, 7);
    expect((await asBoss('GET', `${V}?month=${month}`)).json().items.length).toBeGreaterThan(0);
  });
});
