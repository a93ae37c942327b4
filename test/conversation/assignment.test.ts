import { useLiveChatService, addUser, online, waitingCustomer, transcript, asUser, eventually, type Visitor } from '../helpers/live-chat';
import { Conversation } from '../../src/domain/models';

const service = useLiveChatService('assignment', { ASSIGNMENT_MODE: 'auto' });
const app = () => service().app;

/** Who serves the conversation once automatic assignment has run. */
const assigneeOf = (v: Visitor) =>
  eventually(async () => {
    const c = await Conversation.findById(v.conversationId).lean();
    return c?.status === 'assigned' && String(c.assignee);
  });

describe('automatic assignment (ASSIGNMENT_MODE=auto)', () => {
  it('gives each hand-off to the least busy online agent, ties to the lower agent number', async () => {
    const a = await addUser('甲客服');
    const cookieA = await online(app(), a);
    expect(await assigneeOf(await waitingCustomer(app()))).toBe(a.id);
    expect(await assigneeOf(await waitingCustomer(app()))).toBe(a.id);
    const b = await addUser('乙客服');
    const cookieB = await online(app(), b);
    const third = await waitingCustomer(app());
    expect(await assigneeOf(third)).toBe(b.id);
    expect(await assigneeOf(await waitingCustomer(app()))).toBe(b.id);
    // Two chats each: the tie goes to 甲, who has the lower number.
    expect(await assigneeOf(await waitingCustomer(app()))).toBe(a.id);
    // The customer is told who serves them.
    expect((await transcript(app(), third)).conversation).toEqual({ status: 'assigned', agent: { name: '乙客服', number: b.agentNumber } });
    for (const cookie of [cookieA, cookieB]) await asUser(app(), cookie)('PUT', '/api/v1/console/me/presence', { presence: 'offline' });
  });

  it('leaves a chat waiting when every online agent is full, tells the customer their place, and assigns it when an agent comes online', async () => {
    const full = await addUser('满员客服', 'agent', { maxChats: 1 });
    const cookieFull = await online(app(), full);
    expect(await assigneeOf(await waitingCustomer(app()))).toBe(full.id);
    const queued = await waitingCustomer(app());
    await eventually(async () => (await transcript(app(), queued)).messages.some((m) => m.author === 'system' && m.text.includes('您是下一位')));
    expect((await Conversation.findById(queued.conversationId).lean())?.status).toBe('waiting');
    expect((await transcript(app(), queued)).conversation).toEqual({ status: 'waiting', queuePosition: 0 });

    const fresh = await addUser('新上线客服');
    const cookieFresh = await online(app(), fresh);
    expect(await assigneeOf(queued)).toBe(fresh.id);
    for (const cookie of [cookieFull, cookieFresh]) await asUser(app(), cookie)('PUT', '/api/v1/console/me/presence', { presence: 'offline' });
  });

  it('hands the next waiting chat to an agent whose chat was just closed', async () => {
    const solo = await addUser('单人客服', 'agent', { maxChats: 1 });
    const cookie = await online(app(), solo);
    const others = (await asUser(app(), cookie)('GET', '/api/v1/console/agents')).json().filter((u: { presence: string; id: string }) => u.presence === 'online' && u.id !== solo.id);
    expect(others).toEqual([]);
    const first = await waitingCustomer(app());
    expect(await assigneeOf(first)).toBe(solo.id);
    const second = await waitingCustomer(app());
    await eventually(async () => (await transcript(app(), second)).messages.some((m) => m.author === 'system'));
    expect((await Conversation.findById(second.conversationId).lean())?.status).toBe('waiting');
    expect((await asUser(app(), cookie)('POST', `/api/v1/console/conversations/${first.conversationId}/close`)).statusCode).toBe(200);
    expect(await assigneeOf(second)).toBe(solo.id);
  });
});
