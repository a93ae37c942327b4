import mongoose from 'mongoose';
import { testDatabaseUri } from '../helpers/database';
import { startServiceProcess, waitFor, type ServiceProcess } from '../helpers/service-process';
import { FakeHttpServer, type RecordedCall } from '../adapters/helpers/fake-http-server';
import { connectMongoose } from '../../src/db/database';
import { Conversation, Message } from '../../src/domain/models';
import { configurePii, generatePiiKey } from '../../src/crypto/pii-keys';

jest.setTimeout(240_000);

const TOKEN = '778:CRASH';
const SECRET = 'crash-resume-secret';
const PII_KEY = generatePiiKey();
const SCRIPT = ['你好', '转人工', '需要住家保姆', '13812345678'];
const CUSTOMERS = Array.from({ length: 10 }, (_, i) => 62001 + i);

/** Telegram's Bot API, able to refuse every send for a while (HTTP 500); successful sends are recorded. */
function fakeBotApi() {
  let nextId = 1;
  const state = { down: false, delivered: [] as { chat: string; text: string }[] };
  const server = new FakeHttpServer((call: RecordedCall) => {
    if (call.path.endsWith('/getMe')) return { body: { ok: true, result: { id: 778, is_bot: true, first_name: 'Kefu', username: 'kefu_bot' } } };
    if (state.down) return { status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } };
    const body = call.body as { chat_id: number | string; text: string };
    state.delivered.push({ chat: String(body.chat_id), text: body.text });
    return { body: { ok: true, result: { message_id: nextId++, date: 1700000000, chat: { id: Number(body.chat_id), type: 'private' }, text: body.text } } };
  });
  return { server, state };
}

let updateId = 7_000_000;
const update = (user: number, messageId: number, text: string) => ({
  update_id: updateId++,
  message: { message_id: messageId, date: 1700000000, chat: { id: user, type: 'private' }, from: { id: user, is_bot: false, first_name: '小', last_name: '红', language_code: 'zh-hans' }, text },
});

describe('a crash of the service', () => {
  const uri = testDatabaseUri('crash_resume');
  const api = fakeBotApi();
  let apiRoot = '';
  const env = () => ({
    MONGODB_URI: uri, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: apiRoot, PII_KEY,
    BUSINESS_HOURS: 'mon-sun 00:00-24:00', COMPANY_NAME: '安心家政',
    // A dead instance's holds run out quickly here, so the test need not wait the production 30/60 s.
    TURN_LEASE_SECONDS: '3', DELIVERY_LOCK_SECONDS: '3', DELIVERY_RETRY_SECONDS: '2', RECOVERY_INTERVAL_SECONDS: '1',
  });
  let survivor: ServiceProcess | undefined;

  beforeAll(async () => {
    apiRoot = await api.server.start();
    configurePii(Buffer.from(PII_KEY, 'base64'));
    await connectMongoose(uri);
  });

  afterAll(async () => {
    await survivor?.stop();
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await api.server.close();
  });

  it('resumes the turns and deliveries it left pending after a restart, and answers each message once', async () => {
    const first = await startServiceProcess(env());
    api.state.down = true;
    const acknowledged: string[] = [];
    await Promise.all(CUSTOMERS.map(async (user) => {
      for (const [i, text] of SCRIPT.entries()) {
        const res = await fetch(`${first.url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update(user, i + 1, text)) });
        expect(res.status).toBe(200);
        acknowledged.push(`${user}:${i + 1}`);
      }
    }));
    first.child.kill('SIGKILL');
    await first.exited;

    // Everything acknowledged is stored; some turns and the deliveries were still to do.
    const stored = await Message.find({ channel: 'telegram', direction: 'in' }).lean();
    expect(stored.map((m) => m.channelMessageId).sort()).toEqual([...acknowledged].sort());
    const undelivered = await Message.countDocuments({ channel: 'telegram', direction: 'out', 'delivery.state': 'pending' });
    expect(undelivered).toBeGreaterThan(0);
    expect(api.state.delivered).toHaveLength(0);

    api.state.down = false;
    survivor = await startServiceProcess(env());
    const done = await waitFor(async () => {
      const conversations = await Conversation.find({ channel: 'telegram' }).lean();
      const finished = conversations.filter((c) => c.turns.length === SCRIPT.length && !c.pending.length);
      const pendingOut = await Message.countDocuments({ channel: 'telegram', direction: 'out', 'delivery.state': 'pending' });
      return finished.length === CUSTOMERS.length && pendingOut === 0;
    }, 90_000, 250);
    expect(done).toBe(true);

    for (const user of CUSTOMERS) {
      const conversation = (await Conversation.findOne({ channel: 'telegram', conversationKey: String(user) }).lean())!;
      const inbound = await Message.find({ conversation: conversation._id, direction: 'in' }).sort({ createdAt: 1, _id: 1 }).lean();
      expect(inbound.map((m) => m.text)).toEqual(SCRIPT);
      expect(conversation.turns.map(String)).toEqual(inbound.map((m) => String(m._id)));
      // Each reply stored once and delivered once, none failed.
      const replies = await Message.find({ conversation: conversation._id, direction: 'out', author: 'bot' }).lean();
      expect(replies.every((m) => m.delivery?.state === 'sent')).toBe(true);
      const heard = api.state.delivered.filter((d) => d.chat === String(user)).map((d) => d.text);
      expect(heard).toHaveLength(replies.length);
      expect(new Set(heard).size).toBe(heard.length);
      expect(heard.filter((t) => t.includes('留言已记录'))).toHaveLength(1);
    }
  });
});
