import { FakeHttpServer, type RecordedCall } from '../adapters/helpers/fake-http-server';
import { settledRepliesTo, startChannelService, type ChannelService } from '../adapters/helpers/channel-service';

jest.setTimeout(60_000);

const TOKEN = '123:TEST';
const SECRET = 'metrics-secret';
const METRICS_TOKEN = 'scrape-token-1';
const BLOCKED_CHAT = 9001;

/** The value of one series in Prometheus' text format (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let api: FakeHttpServer;
  let running: ChannelService;
  let updateId = 1;

  beforeAll(async () => {
    // A Bot API where one customer has blocked the bot: its sends fail for good (403).
    api = new FakeHttpServer((call: RecordedCall) => {
      if (call.path.endsWith('/getMe')) return { body: { ok: true, result: { id: 123, is_bot: true, first_name: 'Kefu', username: 'kefu_bot' } } };
      const chatId = Number((call.body as { chat_id?: unknown } | undefined)?.chat_id);
      if (chatId === BLOCKED_CHAT) return { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } };
      return { body: { ok: true, result: { message_id: 1, date: 1700000000, chat: { id: chatId, type: 'private' }, text: 'x' } } };
    });
    running = await startChannelService('metrics', { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: await api.start(), METRICS_TOKEN });
  });

  afterAll(async () => {
    await running?.close();
    await api?.close();
  });

  const say = (chatId: number, text: string) =>
    running.service.app.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      payload: JSON.stringify({ update_id: updateId++, message: { message_id: updateId, date: 1700000000, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: '客户' }, text } }),
    });
  const scrape = async () => {
    const res = await running.service.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  it('is refused without the metrics token', async () => {
    expect((await running.service.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await running.service.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
  });

  it('counts a conversation: the customer’s messages in, the bot’s out, turn latency and deliveries', async () => {
    const before = await scrape();
    await say(8001, '你好');
    const replies = await settledRepliesTo('telegram', `8001:${updateId}`);
    await say(8001, '1');
    await settledRepliesTo('telegram', `8001:${updateId}`);
    const after = await scrape();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('kefu_messages_received_total{channel="telegram"}')).toBe(2);
    expect(delta('kefu_messages_sent_total{channel="telegram",author="bot"}')).toBeGreaterThanOrEqual(replies.length + 1);
    expect(delta('kefu_deliveries_total{channel="telegram",result="sent"}')).toBe(delta('kefu_messages_sent_total{channel="telegram",author="bot"}'));
    expect(delta('kefu_turn_latency_seconds_count{outcome="ok"}')).toBe(2);
    expect(delta('kefu_http_request_duration_seconds_count{method="POST",route="/webhooks/telegram",status_code="200"}')).toBe(2);
  });

  it('counts deliveries that finally fail', async () => {
    const before = sample(await scrape(), 'kefu_delivery_failures_total{channel="telegram"}');
    await say(BLOCKED_CHAT, '你好');
    const replies = await settledRepliesTo('telegram', `${BLOCKED_CHAT}:${updateId}`);
    expect(replies.every((m) => m.delivery?.state === 'failed')).toBe(true);
    expect(sample(await scrape(), 'kefu_delivery_failures_total{channel="telegram"}') - before).toBe(replies.length);
  });

  it('reads the queues from the database, and has the process metrics', async () => {
    const text = await scrape();
    for (const gauge of ['kefu_pending_turns', 'kefu_waiting_chats', 'kefu_pending_deliveries']) expect(text).toMatch(new RegExp(`^${gauge} \\d+$`, 'm'));
    expect(sample(text, 'kefu_pending_turns')).toBe(0);
    expect(sample(text, 'kefu_database_errors_total{kind="metrics_probe"}')).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
  });
});
