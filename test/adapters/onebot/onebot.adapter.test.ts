import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { io as socketIo } from 'socket.io-client';
import { signOneBotBody } from '../../../adapters/onebot/signature';
import { Conversation } from '../../../src/domain/conversation/conversation.model';
import { Message } from '../../../src/domain/message/message.model';
import { FakeHttpServer } from '../helpers/fake-http-server';
import { eventually, settledRepliesTo, startChannelService, type ChannelService } from '../helpers/channel-service';

jest.setTimeout(60_000);

const SECRET = 'onebot-secret';
const TOKEN = 'ws-access-token';
const SELF_ID = 10001000;
// Byte for byte the vector of CHANNELS.md.
const VECTOR_BODY = '{"time":1515204254,"self_id":10001000,"post_type":"message","message_type":"private","sub_type":"friend","message_id":12,"user_id":12345678,"message":"hello","raw_message":"hello","font":0}';
const VECTOR_SIGNATURE = 'sha1=83ad57e27a0841f50d465be560426e78f64e8293';

/** The texts a QQ user sent that were stored. */
async function inboundFrom(userId: string): Promise<string[]> {
  const conversations = await Conversation.find({ channel: 'onebot', externalUserId: userId }).lean();
  const messages = await Message.find({ conversation: { $in: conversations.map((c) => c._id) }, direction: 'in' }).sort({ _id: 1 }).lean();
  return messages.map((m) => m.text);
}

type Action = { action: string; params: Record<string, unknown>; echo: string };

/** Plays the OneBot implementation on the reverse WebSocket: records actions and answers them ok. */
class FakeImplementation {
  readonly actions: Action[] = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Action;
      this.actions.push(frame);
      socket.send(JSON.stringify({ status: 'ok', retcode: 0, data: { message_id: this.actions.length }, echo: frame.echo }));
    });
  }

  static connect(url: string, headers: Record<string, string>): Promise<FakeImplementation> {
    const socket = new WebSocket(url, { headers: { 'X-Self-ID': String(SELF_ID), 'X-Client-Role': 'Universal', ...headers } });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new FakeImplementation(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  event(fields: Record<string, unknown>): void {
    this.socket.send(JSON.stringify({ time: Math.floor(Date.now() / 1000), self_id: SELF_ID, post_type: 'message', sub_type: 'friend', font: 0, ...fields }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

describe('OneBot adapter in the running service', () => {
  let running: ChannelService;
  let httpApi: FakeHttpServer;
  let wsUrl: string;
  let baseUrl: string;

  beforeAll(async () => {
    httpApi = new FakeHttpServer(() => ({ body: { status: 'ok', retcode: 0, data: { message_id: 99 } } }));
    running = await startChannelService('onebot_adapter', { ONEBOT_SECRET: SECRET, ONEBOT_ACCESS_TOKEN: TOKEN, ONEBOT_API_BASE: await httpApi.start() });
    await running.service.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = running.service.app.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    wsUrl = `ws://127.0.0.1:${port}/ws/onebot`;
  });

  afterAll(async () => {
    await running?.close();
    await httpApi?.close();
  });

  const post = (payload: string, signature?: string) =>
    running.service.app.inject({ method: 'POST', url: '/webhooks/onebot', headers: { 'content-type': 'application/json', 'x-self-id': String(SELF_ID), ...(signature ? { 'x-signature': signature } : {}) }, payload });

  it('stores the signed vector POST, answers 204, and replies over HTTP while no socket is connected', async () => {
    expect(signOneBotBody(SECRET, VECTOR_BODY)).toBe(VECTOR_SIGNATURE);
    const res = await post(VECTOR_BODY, VECTOR_SIGNATURE);
    expect(res.statusCode).toBe(204);
    expect(await Message.findOne({ channel: 'onebot', direction: 'in' }).lean()).toMatchObject({ channelMessageId: '10001000:12:1515204254', text: 'hello' });
    // A retry of the same POST is stored once.
    expect((await post(VECTOR_BODY, VECTOR_SIGNATURE.toUpperCase().replace('SHA1', 'sha1'))).statusCode).toBe(204);
    expect(await Message.countDocuments({ channel: 'onebot', direction: 'in' })).toBe(1);
    const replies = await settledRepliesTo('onebot', '10001000:12:1515204254');
    expect(replies.every((m) => m.delivery?.state === 'sent')).toBe(true);
    const call = httpApi.callsTo('/send_private_msg')[0];
    expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.body).toMatchObject({ user_id: 12345678, auto_escape: true, message: expect.stringMatching(/安心家政/) });
  });

  it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
    const before = await Message.countDocuments();
    const forged = VECTOR_BODY.replace('"message_id":12', '"message_id":13');
    expect((await post(forged, VECTOR_SIGNATURE)).statusCode).toBe(401);
    expect((await post(forged)).statusCode).toBe(401);
    expect(await Message.countDocuments()).toBe(before);
  });

  it('refuses signed events whose message, ids or text segments have the wrong type (400), storing and answering nothing', async () => {
    const before = await Message.countDocuments();
    const sendsBefore = httpApi.calls.length;
    const event = JSON.parse(VECTOR_BODY) as Record<string, unknown>;
    const cases: [string, Record<string, unknown>][] = [
      ['message', { ...event, message_id: 901, message: { type: 'text', data: { text: '对象' } } }],
      ['message', { ...event, message_id: 902, message: null }],
      ['user_id', { ...event, message_id: 903, user_id: { $gt: 0 } }],
      ['message.0.data.text', { ...event, message_id: 904, message: [{ type: 'text', data: { text: { toString: 'x' } } }] }],
      ['group_id', { ...event, message_id: 905, message_type: 'group' }],
      ['time', { ...event, message_id: 906, time: '2018' }],
    ];
    for (const [field, payload] of cases) {
      const body = JSON.stringify(payload);
      const res = await post(body, signOneBotBody(SECRET, body));
      expect([field, res.statusCode]).toEqual([field, 400]);
      expect(res.json().error.message).toContain(field);
    }
    // Heartbeats and notices are fine, and ignored.
    const heartbeat = JSON.stringify({ time: 1515204254, self_id: SELF_ID, post_type: 'meta_event', meta_event_type: 'heartbeat', interval: 5000 });
    expect((await post(heartbeat, signOneBotBody(SECRET, heartbeat))).statusCode).toBe(204);
    expect(await Message.countDocuments()).toBe(before);
    expect(httpApi.calls.length).toBe(sendsBefore);
  });

  it('refuses a reverse WebSocket without the right access token', async () => {
    await expect(FakeImplementation.connect(wsUrl, {})).rejects.toThrow('HTTP 401');
    await expect(FakeImplementation.connect(wsUrl, { Authorization: 'Bearer wrong' })).rejects.toThrow('HTTP 401');
  });

  it('takes a CQ-string event over a Bearer socket and replies with send_private_msg on the socket', async () => {
    const impl = await FakeImplementation.connect(wsUrl, { Authorization: `Bearer ${TOKEN}` });
    try {
      await eventually(() => running.service.adapters.get('onebot')?.status().details?.webSocketAccounts, 'the socket to be registered');
      // An event with an object for its message cannot be answered 400 over a socket: it is dropped.
      impl.event({ message_type: 'private', message_id: 100, user_id: 22223333, message: { text: '对象' } });
      impl.event({ message_type: 'private', message_id: 101, user_id: 22223333, message: '你好&#91;测试&#93;', raw_message: '你好&#91;测试&#93;', sender: { nickname: '小张' } });
      const action = await eventually(() => impl.actions.find((a) => a.action === 'send_private_msg'), 'the reply action');
      expect(action.params).toMatchObject({ user_id: 22223333, auto_escape: true });
      expect(await inboundFrom('22223333')).toEqual(['你好[测试]']);
    } finally {
      await impl.close();
    }
  });

  it('takes segment arrays over a go-cqhttp "Token" socket; in groups only when @-mentioned, answering in the group', async () => {
    const impl = await FakeImplementation.connect(`${wsUrl}`, { Authorization: `Token ${TOKEN}` });
    try {
      const group = { message_type: 'group', group_id: 55556666, user_id: 33334444, sender: { nickname: '老王', card: '王先生' } };
      impl.event({ ...group, message_id: 201, message: [{ type: 'text', data: { text: '大家好' } }] });
      impl.event({ ...group, message_id: 202, message: [{ type: 'at', data: { qq: SELF_ID } }, { type: 'text', data: { text: ' 我要投诉' } }] });
      const action = await eventually(() => impl.actions.find((a) => a.action === 'send_group_msg'), 'the group reply');
      expect(action.params).toMatchObject({ group_id: 55556666 });
      expect((action.params.message as { type: string; data: Record<string, string> }[])[0]).toEqual({ type: 'at', data: { qq: '33334444' } });
      expect(await inboundFrom('33334444')).toEqual(['我要投诉']);
    } finally {
      await impl.close();
    }
  });

  it('accepts ?access_token= and lives beside socket.io on the same server', async () => {
    const impl = await FakeImplementation.connect(`${wsUrl}?access_token=${TOKEN}`, {});
    const client = socketIo(baseUrl, { transports: ['websocket'], reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('connect', resolve);
        client.once('connect_error', reject);
      });
      // socket.io ends foreign upgrade sockets that wrote nothing after 1 s; ours answered 101 at once.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      impl.event({ message_type: 'private', message_id: 301, user_id: 44445555, message: [{ type: 'text', data: { text: '在吗' } }] });
      await eventually(() => impl.actions.find((a) => a.action === 'send_private_msg'), 'the reply after a second');
      expect(client.connected).toBe(true);
    } finally {
      client.close();
      await impl.close();
    }
  });
});
