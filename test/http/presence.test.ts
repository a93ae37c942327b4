import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { useLiveChatService, addUser, asUser, eventually, signIn, waitingCustomer, type Visitor } from '../helpers/live-chat';
import { Conversation, User } from '../../src/domain/models';
import { PresenceService } from '../../src/domain/user/presence.service';
import { testLogger } from '../helpers/logger';

// A grace period of one second: the console's socket must be gone that long before an agent goes offline.
const service = useLiveChatService('presence', { ASSIGNMENT_MODE: 'auto', PRESENCE_GRACE_SECONDS: '1' });
const app = () => service().app;

const presenceOf = async (id: string) => (await User.findById(id).lean())?.presence;
const assignee = (v: Visitor) => eventually(async () => {
  const c = await Conversation.findById(v.conversationId).lean();
  return c?.status === 'assigned' && c;
});

describe('presence that tells the truth', () => {
  let base = '';
  const sockets: Socket[] = [];
  const consoleSocket = (cookie: string) =>
    new Promise<Socket>((resolve, reject) => {
      const s = io(`${base}/console`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
      sockets.push(s);
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });

  beforeAll(async () => {
    await app().listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app().server.address() as AddressInfo).port}`;
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('is online from the sign-in, stays online while a console is open, and goes offline after the grace period once it is closed', async () => {
    const agent = await addUser('在线甲');
    const cookie = await signIn(app(), agent);
    expect(await presenceOf(agent.id)).toBe('online');
    const socket = await consoleSocket(cookie);
    // Well past the grace period, the open console keeps the agent online (heartbeats).
    await new Promise((r) => setTimeout(r, 2500));
    expect(await presenceOf(agent.id)).toBe('online');
    const reload = await consoleSocket(cookie);
    reload.disconnect();
    await new Promise((r) => setTimeout(r, 1500));
    // One of two consoles closed (a reload, a second tab): still online.
    expect(await presenceOf(agent.id)).toBe('online');
    socket.disconnect();
    await eventually(async () => (await presenceOf(agent.id)) === 'offline', 8000);
  });

  it('never assigns a chat to an agent whose console is gone, and gives it to one who is there', async () => {
    const gone = await addUser('离开乙');
    const here = await addUser('值班丙');
    const goneSocket = await consoleSocket(await signIn(app(), gone));
    const hereCookie = await signIn(app(), here);
    await consoleSocket(hereCookie);
    goneSocket.disconnect();
    await eventually(async () => (await presenceOf(gone.id)) === 'offline', 8000);
    for (let i = 0; i < 3; i++) {
      const c = await assignee(await waitingCustomer(app()));
      expect(String(c.assignee)).toBe(here.id);
    }
  });

  it('keeps away and offline as chosen, and a manager sees everyone’s presence and load', async () => {
    const agent = await addUser('选择丁');
    const cookie = await signIn(app(), agent);
    await consoleSocket(cookie);
    const as = asUser(app(), cookie);
    expect((await as('PUT', '/api/v1/console/me/presence', { presence: 'away' })).json().user.presence).toBe('away');
    expect((await as('PUT', '/api/v1/console/me/presence', { presence: 'busy' })).json().error.details).toEqual([expect.objectContaining({ field: 'presence' })]);
    expect((await as('PUT', '/api/v1/console/me/presence', { presence: ['online'] })).statusCode).toBe(400);
    const boss = asUser(app(), await signIn(app(), { email: 'boss@example.com', password: 'first-admin-password' }));
    const board = (await boss('GET', '/api/v1/console/agents')).json();
    expect(board.find((a: { id: string }) => a.id === agent.id)).toMatchObject({ presence: 'away', activeChats: 0, maxChats: 5, presenceSeenAt: expect.any(String) });
  });

  it('clears a stale "online" left by a stopped instance when presence starts (a restart)', async () => {
    const ghost = await addUser('幽灵戊');
    await User.updateOne({ _id: ghost.id }, { $set: { presence: 'online', presenceSeenAt: new Date(Date.now() - 3600_000) } });
    const announced: string[] = [];
    const restarted = new PresenceService({ graceSeconds: 60, onSignIn: 'online', announce: (u) => announced.push(String(u._id)), log: testLogger });
    await restarted.start();
    restarted.stop();
    expect(await presenceOf(ghost.id)).toBe('offline');
    expect(announced).toContain(ghost.id);
  });
});
