import WebSocket from 'ws';
import { testDatabaseUri } from '../helpers/database';
import { startTwoInstances, type TwoInstances } from '../helpers/instances';
import { startServiceProcess, waitFor, type ServiceProcess } from '../helpers/service-process';
import { Conversation, Message } from '../../src/domain/models';
import { createUser } from '../../src/domain/user/user.service';
import { SYSTEM } from '../../src/domain/audit/audit.service';
import { generatePiiKey } from '../../src/crypto/pii-keys';

jest.setTimeout(240_000);

const TOKEN = 'onebot-role-token';
const SELF_ID = 10001;
const PII_KEY = generatePiiKey();
type Action = { action: string; params: Record<string, unknown>; echo: string };

/** The QQ side (NapCat and the like): one reverse WebSocket to whichever instance it reached. */
async function connectImplementation(to: ServiceProcess): Promise<{ socket: WebSocket; actions: Action[]; say(userId: number, id: number, text: string): void }> {
  const socket = new WebSocket(`${to.url.replace('http', 'ws')}/ws/onebot`, { headers: { 'X-Self-ID': String(SELF_ID), 'X-Client-Role': 'Universal', Authorization: `Bearer ${TOKEN}` } });
  const actions: Action[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Action;
    actions.push(frame);
    socket.send(JSON.stringify({ status: 'ok', retcode: 0, data: { message_id: actions.length }, echo: frame.echo }));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    actions,
    say: (userId, id, text) => socket.send(JSON.stringify({ time: Math.floor(Date.now() / 1000), self_id: SELF_ID, post_type: 'message', message_type: 'private', sub_type: 'friend', font: 0, message_id: id, user_id: userId, message: text, raw_message: text, sender: { nickname: '小李' } })),
  };
}

const sentText = (a: Action[]) => a.filter((x) => x.action === 'send_private_msg').map((x) => String(x.params.message));

describe('a platform with one connection (OneBot reverse WebSocket) and two service instances', () => {
  const uri = testDatabaseUri('channel_role');
  let instances: TwoInstances;
  let a: ServiceProcess;
  let b: ServiceProcess;

  beforeAll(async () => {
    instances = await startTwoInstances(uri, () => ({
      ONEBOT_ACCESS_TOKEN: TOKEN, BUSINESS_HOURS: 'mon-sun 00:00-24:00', ASSIGNMENT_MODE: 'manual',
      PRESENCE_GRACE_SECONDS: '600', CHANNEL_ROLE_LEASE_SECONDS: '3', DELIVERY_LOCK_SECONDS: '3', RECOVERY_INTERVAL_SECONDS: '1', TURN_LEASE_SECONDS: '3',
    }));
    ({ a, b } = instances);
  });

  afterAll(() => instances?.stop());

  it('sends an agent reply stored on the other instance through the one that holds the connection, and moves with the connection when that instance dies', async () => {
    await createUser({ email: 'qq-agent@example.com', name: '李客服', role: 'agent', password: 'agent-password-1' }, SYSTEM);
    const login = await fetch(`${b.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'qq-agent@example.com', password: 'agent-password-1' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const onB = (method: string, path: string, body?: unknown) => fetch(`${b.url}${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    expect((await onB('PUT', '/api/v1/console/me/presence', { presence: 'online' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));

    // The QQ client is connected to A; the customer greets the bot and asks for a person.
    let qq = await connectImplementation(a);
    qq.say(80001, 1, '你好');
    expect(await waitFor(() => sentText(qq.actions).length > 0, 20_000)).toBe(true);
    qq.say(80001, 2, '转人工');
    const conversation = await waitFor(() => Conversation.findOne({ channel: 'onebot', externalUserId: '80001', status: 'waiting' }).lean(), 20_000);
    expect(conversation).toBeTruthy();

    // The agent works on B, which has no QQ connection: the reply is sent by A.
    expect((await onB('POST', `/api/v1/console/conversations/${conversation!._id}/claim`)).status).toBe(200);
    expect((await onB('POST', `/api/v1/console/conversations/${conversation!._id}/messages`, { text: '您好，我是李客服，马上为您处理。' })).status).toBe(201);
    expect(await waitFor(() => sentText(qq.actions).some((t) => t.includes('马上为您处理')), 20_000)).toBe(true);

    // A dies; the QQ client reconnects to B; what B stored meanwhile goes out through B.
    a.child.kill('SIGKILL');
    await a.exited;
    expect((await onB('POST', `/api/v1/console/conversations/${conversation!._id}/messages`, { text: '请问您的地址是哪里？' })).status).toBe(201);
    const waiting = await Message.findOne({ conversation: conversation!._id, text: '请问您的地址是哪里？' }).lean();
    expect(waiting?.delivery?.state).toBe('pending');
    qq = await connectImplementation(b);
    expect(await waitFor(() => sentText(qq.actions).some((t) => t.includes('请问您的地址是哪里')), 20_000)).toBe(true);
    expect((await Message.findById(waiting!._id).lean())?.delivery?.state).toBe('sent');
    // Each reply went out once.
    const all = sentText(qq.actions);
    expect(new Set(all).size).toBe(all.length);
    qq.socket.close();
  });
});

describe('a wechaty login and two service instances', () => {
  const uri = testDatabaseUri('wechaty_role');
  let instances: ServiceProcess[] = [];

  afterAll(async () => {
    await Promise.all(instances.map((s) => s.stop()));
  });

  const runsOn = async (s: ServiceProcess) => {
    const health = (await (await fetch(`${s.url}/healthz`)).json()) as { channels: { channel: string; details?: { runsOn?: string } }[] };
    return health.channels.find((c) => c.channel === 'wechaty')?.details?.runsOn;
  };

  it('runs the puppet on one instance only, and another takes it over when that one dies', async () => {
    const env = { MONGODB_URI: uri, PII_KEY, WECHATY_ENABLED: 'true', WECHATY_PUPPET: 'wechaty-puppet-mock', CHANNEL_ROLE_LEASE_SECONDS: '3' };
    instances = await Promise.all([startServiceProcess(env), startServiceProcess(env)]);
    const states = await Promise.all(instances.map(runsOn));
    expect(states.sort()).toEqual(['another instance', 'this instance']);
    const holder = (await runsOn(instances[0])) === 'this instance' ? 0 : 1;
    instances[holder].child.kill('SIGKILL');
    await instances[holder].exited;
    const survivor = instances[1 - holder];
    // The dead instance's lease runs out (3 s) and the survivor starts the puppet.
    expect(await waitFor(async () => (await runsOn(survivor)) === 'this instance', 20_000, 250)).toBe(true);
    instances = [survivor];
  });
});
