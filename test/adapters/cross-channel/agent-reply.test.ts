import { createUser } from '../../../src/domain/user/user.service';
import { SYSTEM } from '../../../src/domain/audit/audit.service';
import { User } from '../../../src/domain/user/user.model';
import { Conversation } from '../../../src/domain/conversation/conversation.model';
import { FakeHttpServer } from '../helpers/fake-http-server';
import { eventually, settledRepliesTo, startChannelService, type ChannelService } from '../helpers/channel-service';

jest.setTimeout(60_000);

const TOKEN = '123:TEST';

/**
 * Cross-channel: a customer on Telegram asks for a human (转人工), an agent who is online claims the
 * chat in the console and answers; the answer reaches the customer through Telegram's send API,
 * introduced as "name (No. number)" in the customer's language.
 */
describe('an agent answers a Telegram customer from the console', () => {
  let api: FakeHttpServer;
  let running: ChannelService;
  let agentNumber = '';
  const sentTo = (chatId: string) => api.callsTo(`/bot${TOKEN}/sendMessage`).map((c) => c.body as { chat_id: string; text: string }).filter((b) => b.chat_id === chatId);

  beforeAll(async () => {
    api = new FakeHttpServer((call) =>
      call.path.endsWith('/getMe')
        ? { body: { ok: true, result: { id: 123, is_bot: true, first_name: 'Kefu', username: 'kefu_bot' } } }
        : { body: { ok: true, result: { message_id: api.calls.length, date: 1700000000, chat: { id: 1, type: 'private' }, text: '' } } },
    );
    running = await startChannelService('cross_channel', { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'secret', TELEGRAM_API_ROOT: await api.start(), ASSIGNMENT_MODE: 'manual' });
    const agent = await createUser({ email: 'wang@example.com', name: '王小明', role: 'agent', password: 'agent-password-1' }, SYSTEM);
    await User.updateOne({ _id: agent._id }, { $set: { presence: 'online' } });
    agentNumber = agent.agentNumber;
  });

  afterAll(async () => {
    await running?.close();
    await api?.close();
  });

  const inject = (request: object) => running.service.app.inject(request as never);

  it('delivers the agent reply through the Telegram send API', async () => {
    const update = (messageId: number, text: string) => ({
      update_id: 900 + messageId,
      message: { message_id: messageId, date: 1700000000, chat: { id: 8001, type: 'private' }, from: { id: 8001, is_bot: false, first_name: '李', language_code: 'zh-hans' }, text },
    });
    const deliver = (body: unknown) => inject({ method: 'POST', url: '/webhooks/telegram', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'secret' }, payload: JSON.stringify(body) });
    expect((await deliver(update(1, '你好'))).statusCode).toBe(200);
    await settledRepliesTo('telegram', '8001:1');
    expect((await deliver(update(2, '转人工'))).statusCode).toBe(200);
    await settledRepliesTo('telegram', '8001:2');
    const conversation = await eventually(() => Conversation.findOne({ channel: 'telegram', conversationKey: '8001', status: 'waiting' }).lean(), 'the hand-off');

    const login = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'wang@example.com', password: 'agent-password-1' } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const id = String(conversation._id);
    expect((await inject({ method: 'POST', url: `/api/v1/console/conversations/${id}/claim`, headers: { cookie }, payload: {} })).statusCode).toBe(200);
    const reply = await inject({ method: 'POST', url: `/api/v1/console/conversations/${id}/messages`, headers: { cookie }, payload: { text: '您好，我来帮您处理。' } });
    expect(reply.statusCode).toBe(201);

    const delivered = await eventually(() => sentTo('8001').find((b) => b.text.includes('我来帮您处理')), 'the agent reply on Telegram');
    expect(delivered.text).toBe(`王小明（工号 ${agentNumber}）\n您好，我来帮您处理。`);
    // The console shows the agent's message as delivered.
    const messageId = (reply.json() as { message: { id: string } }).message.id;
    await eventually(async () => {
      const detail = await inject({ method: 'GET', url: `/api/v1/console/conversations/${id}`, headers: { cookie } });
      return (detail.json() as { messages: { id: string; delivery?: { state: string } }[] }).messages.find((m) => m.id === messageId)?.delivery?.state === 'sent';
    }, 'the delivery state to be sent');
  });
});
