import { io as connect, type Socket } from 'socket.io-client';
import { testDatabaseUri } from '../helpers/database';
import { startTwoInstances, type TwoInstances } from '../helpers/instances';
import { waitFor, type ServiceProcess } from '../helpers/service-process';
import { FakeHttpServer, type RecordedCall } from '../adapters/helpers/fake-http-server';
import { Conversation, Lead, Message } from '../../src/domain/models';
import { createUser } from '../../src/domain/user/user.service';
import { SYSTEM } from '../../src/domain/audit/audit.service';

jest.setTimeout(240_000);

const TOKEN = '777:SEVERAL';
const SECRET = 'several-instances-secret';

/** A Telegram Bot API stand-in shared by every instance: getMe, and sendMessage recorded in order. */
function fakeBotApi() {
  let nextId = 1;
  const server = new FakeHttpServer((call: RecordedCall) => {
    if (call.path.endsWith('/getMe')) return { body: { ok: true, result: { id: 777, is_bot: true, first_name: 'Kefu', username: 'kefu_bot' } } };
    const body = call.body as { chat_id: number; text: string };
    return { body: { ok: true, result: { message_id: nextId++, date: 1700000000, chat: { id: body.chat_id, type: 'private' }, text: body.text } } };
  });
  const sent = (chat: number) => server.callsTo(`/bot${TOKEN}/sendMessage`).filter((c) => String((c.body as { chat_id: number | string }).chat_id) === String(chat)).map((c) => (c.body as { text: string }).text);
  return { server, sent };
}

let updateId = 9_000_000;
const update = (user: number, messageId: number, text: string) => ({
  update_id: updateId++,
  message: { message_id: messageId, date: 1700000000, chat: { id: user, type: 'private' }, from: { id: user, is_bot: false, first_name: '小', last_name: '明', language_code: 'zh-hans' }, text },
});

/** Posts a Telegram update to an instance's webhook; resolves once it is acknowledged. */
async function deliver(to: ServiceProcess, body: unknown): Promise<void> {
  const res = await fetch(`${to.url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}\n${to.output().slice(-2500)}`);
}

/** What a customer who leaves a message writes (no agent is online yet). */
const SCRIPT = ['你好', '转人工', '需要月嫂照顾产妇', '13912345678'];

describe('several service instances on one database', () => {
  const uri = testDatabaseUri('several_instances');
  const api = fakeBotApi();
  let instances: TwoInstances;
  let a: ServiceProcess;
  let b: ServiceProcess;

  beforeAll(async () => {
    const apiRoot = await api.server.start();
    // Open all day: with nobody online a hand-off becomes a left message, with an agent online it waits for them.
    instances = await startTwoInstances(uri, () => ({
      TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: apiRoot,
      COMPANY_NAME: '安心家政', ASSIGNMENT_MODE: 'manual', PRESENCE_GRACE_SECONDS: '600', BUSINESS_HOURS: 'mon-sun 00:00-24:00',
    }));
    ({ a, b } = instances);
  });

  afterAll(async () => {
    await instances?.stop();
    await api.server.close();
  });

  it('runs one conversation strictly in order when its messages alternate between two instances without waiting', async () => {
    const customers = [51001, 51002, 51003];
    // Each message goes to the other instance as soon as the previous one is acknowledged.
    await Promise.all(customers.map(async (user) => {
      for (const [i, text] of SCRIPT.entries()) await deliver(i % 2 === 0 ? a : b, update(user, i + 1, text));
    }));
    for (const user of customers) {
      const conversation = await waitFor(async () => {
        const c = await Conversation.findOne({ channel: 'telegram', conversationKey: String(user) }).lean();
        return c && c.turns.length === SCRIPT.length && !c.pending.length ? c : undefined;
      }, 60_000);
      expect(conversation).toBeDefined();
      const inbound = await Message.find({ conversation: conversation!._id, direction: 'in' }).sort({ createdAt: 1, _id: 1 }).lean();
      expect(inbound.map((m) => m.text)).toEqual(SCRIPT);
      // Turns were taken in arrival order, each on the state the previous one left.
      expect(conversation!.turns.map(String)).toEqual(inbound.map((m) => String(m._id)));
      // The customer heard the questions in order: the need before the phone, the phone before the thanks.
      const heard = await waitFor(() => {
        const texts = api.sent(user);
        return texts.some((t) => t.includes('留言已记录')) ? texts : undefined;
      }, 30_000);
      if (!heard) throw new Error(`the customer heard:\n${api.sent(user).join('\n')}`);
      const at = (word: string) => heard!.findIndex((t) => t.includes(word));
      // Each instance sends at most about one message a second to a chat, so replies of one turn wait
      // there while the next turn may run on the other instance: its replies must still come after.
      const order = ['有什么可以帮您', '人工客服现在都在忙', '请您留下需要咨询', '手机号码', '留言已记录'].map(at);
      if (order.some((i, k) => i < 0 || (k > 0 && i < order[k - 1]))) throw new Error(`the customer heard, out of order:\n${heard!.join('\n')}`);
      expect(new Set(heard).size).toBe(heard!.length);
    }
    // One lead per customer, with what they said (read through the model: personal fields are encrypted at rest).
    const leads = (await Lead.find({ sourceChannel: 'telegram' })).filter((l) => l.need === '需要月嫂照顾产妇');
    expect(leads.map((l) => l.phone)).toEqual(customers.map(() => '+8613912345678'));
  });

  it('a widget connected to instance A receives the reply an agent sends through instance B', async () => {
    const agent = await createUser({ email: 'several-agent@example.com', name: '王小明', role: 'agent', password: 'agent-password-1' }, SYSTEM);
    // The customer opens the chat on A; the agent works on B.
    const opened = await (await fetch(`${a.url}/api/v1/client/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'zh-CN' }) })).json() as { conversationId: string; token: string };
    const socket: Socket = connect(`${a.url}/widget`, { auth: { conversationId: opened.conversationId, token: opened.token }, transports: ['websocket'] });
    const heard: string[] = [];
    socket.on('message', (m: { author: string; text: string }) => heard.push(`${m.author}:${m.text}`));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    try {
      const login = await fetch(`${b.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'several-agent@example.com', password: 'agent-password-1' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const asAgent = (method: string, path: string, body?: unknown) =>
        fetch(`${b.url}${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect((await asAgent('PUT', '/api/v1/console/me/presence', { presence: 'online' })).status).toBe(200);
      // Instance A learns within a second that someone is online (its availability is cached that long).
      await new Promise((r) => setTimeout(r, 1500));
      const asked = await fetch(`${a.url}/api/v1/client/conversations/${opened.conversationId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${opened.token}` }, body: JSON.stringify({ text: '转人工' }) });
      expect(asked.status).toBe(200);
      expect(await waitFor(async () => (await Conversation.findById(opened.conversationId).lean())?.status === 'waiting', 10_000)).toBe(true);
      expect((await asAgent('POST', `/api/v1/console/conversations/${opened.conversationId}/claim`)).status).toBe(200);
      const reply = await asAgent('POST', `/api/v1/console/conversations/${opened.conversationId}/messages`, { text: '您好，我是王小明，请问有什么可以帮您？' });
      expect(reply.status).toBe(201);
      const got = await waitFor(() => heard.find((h) => h === 'agent:您好，我是王小明，请问有什么可以帮您？'), 10_000);
      expect(got).toBeDefined();
      // The system line of B's claim reached A's widget too.
      expect(heard.some((h) => h.startsWith('system:') && h.includes(agent.name))).toBe(true);
    } finally {
      socket.close();
    }
  });
});
