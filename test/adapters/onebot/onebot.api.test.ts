import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { ChannelError } from '../../../src/errors';
import type { Segment } from '../../../adapters/onebot/cq-code';
import { OneBotApi } from '../../../adapters/onebot/onebot.api';
import { OneBotHttpTransport } from '../../../adapters/onebot/http.transport';
import { OneBotWsTransport } from '../../../adapters/onebot/ws.transport';
import { FakeHttpServer } from '../helpers/fake-http-server';
import { failureOf } from '../helpers/failure-of';

describe('OneBotApi over HTTP', () => {
  let server: FakeHttpServer;
  let api: OneBotApi;

  beforeEach(async () => {
    server = new FakeHttpServer(() => ({ body: { status: 'ok', retcode: 0, data: { message_id: 42 } } }));
    api = new OneBotApi(new OneBotHttpTransport({ baseUrl: `${await server.start()}/`, accessToken: 'api-token' }));
  });

  afterEach(() => server.close());

  it('posts send_private_msg with the bearer token and auto_escape for plain text', async () => {
    await expect(api.sendPrivateMsg('12345678', '订单 [1] & 更多')).resolves.toEqual({ messageId: 42 });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({
      method: 'POST',
      path: '/send_private_msg',
      body: { user_id: 12345678, message: '订单 [1] & 更多', auto_escape: true },
    });
    expect(server.calls[0].headers.authorization).toBe('Bearer api-token');
  });

  it('posts send_group_msg with segments as they are', async () => {
    const message: Segment[] = [
      { type: 'at', data: { qq: '12345678' } },
      { type: 'text', data: { text: ' 您好' } },
    ];
    await api.sendGroupMsg(987654, message);
    expect(server.calls[0]).toMatchObject({ path: '/send_group_msg', body: { group_id: 987654, message } });
    expect(server.calls[0].body).not.toHaveProperty('auto_escape');
  });

  it('reports a refused action as final, with its retcode', async () => {
    server.respondWith(() => ({ body: { status: 'failed', retcode: 100, data: null, wording: '发送失败' } }));
    const error = await failureOf(api.sendPrivateMsg(1, 'hi'));
    expect(error).toMatchObject({ platform: 'onebot', platformCode: 100, retryable: false });
    expect(error.message).toContain('发送失败');
  });

  it('treats 401/403/404 as final and 5xx as retryable', async () => {
    for (const [status, retryable] of [
      [401, false],
      [403, false],
      [404, false],
      [502, true],
    ] as const) {
      server.respondWith(() => ({ status, raw: 'nope' }));
      expect(await failureOf(api.sendPrivateMsg(1, 'hi'))).toMatchObject({ platformCode: `http_${status}`, retryable });
    }
  });
});

describe('OneBotApi over the reverse WebSocket', () => {
  let wss: WebSocketServer;
  let transport: OneBotWsTransport;
  let implementation: WebSocket;
  let received: Array<{ action: string; params: Record<string, unknown>; echo: string }>;

  /** Plays the OneBot implementation: connects with its headers; `answer` decides each reply. */
  async function connect(answer: (frame: { action: string; echo: string }) => unknown) {
    const accepted = once(wss, 'connection');
    implementation = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/onebot`, {
      headers: { 'X-Self-ID': '10001000', 'X-Client-Role': 'Universal', Authorization: 'Bearer ws-token' },
    });
    implementation.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as (typeof received)[number];
      received.push(frame);
      const reply = answer(frame);
      if (reply !== undefined) implementation.send(JSON.stringify(reply));
    });
    const [socket] = (await accepted) as [WebSocket];
    transport.attach(socket);
    await once(implementation, 'open');
  }

  const ok = (frame: { echo: string }, messageId: number) => ({ status: 'ok', retcode: 0, data: { message_id: messageId }, echo: frame.echo });

  beforeEach(async () => {
    received = [];
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(wss, 'listening');
    // Generous, so a loaded machine cannot turn a reply into a timeout; the timeout test sets its own.
    transport = new OneBotWsTransport({ timeoutMs: 5000 });
  });

  afterEach(async () => {
    implementation?.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });

  it('sends {action, params, echo} and resolves with the reply of the same echo', async () => {
    await connect((frame) => ok(frame, 7));
    const api = new OneBotApi(transport);
    await expect(api.sendPrivateMsg(12345678, 'hello')).resolves.toEqual({ messageId: 7 });
    await expect(api.sendGroupMsg('987654', 'hi all')).resolves.toEqual({ messageId: 7 });
    expect(received.map(({ action, params }) => ({ action, params }))).toEqual([
      { action: 'send_private_msg', params: { user_id: 12345678, message: 'hello', auto_escape: true } },
      { action: 'send_group_msg', params: { group_id: 987654, message: 'hi all', auto_escape: true } },
    ]);
    expect(new Set(received.map((frame) => frame.echo)).size).toBe(2);
  });

  it('matches replies that come back out of order, ignoring events and junk in between', async () => {
    const held: Array<{ echo: string }> = [];
    await connect((frame) => {
      held.push(frame);
      if (held.length < 2) return undefined;
      implementation.send(JSON.stringify({ time: 1, self_id: 10001000, post_type: 'meta_event', meta_event_type: 'heartbeat' }));
      implementation.send('not json');
      implementation.send(JSON.stringify(ok(held[1], 2)));
      return ok(held[0], 1);
    });
    const api = new OneBotApi(transport);
    const results = await Promise.all([api.sendPrivateMsg(1, 'first'), api.sendPrivateMsg(1, 'second')]);
    expect(results).toEqual([{ messageId: 1 }, { messageId: 2 }]);
  });

  it('reports a failed reply as a final ChannelError', async () => {
    await connect((frame) => ({ status: 'failed', retcode: 1404, data: null, message: 'no such group', echo: frame.echo }));
    expect(await failureOf(new OneBotApi(transport).sendGroupMsg(1, 'x'))).toMatchObject({ platformCode: 1404, retryable: false });
  });

  it('times out when no reply comes, as a retryable error', async () => {
    transport = new OneBotWsTransport({ timeoutMs: 100 });
    await connect(() => undefined);
    expect(await failureOf(new OneBotApi(transport).sendPrivateMsg(1, 'x'))).toMatchObject({ platformCode: 'timeout', retryable: true });
  });

  it('fails pending calls when the implementation disconnects, and later calls until it is back', async () => {
    await connect(() => undefined);
    const pending = failureOf(new OneBotApi(transport).sendPrivateMsg(1, 'x'));
    await once(implementation, 'message');
    implementation.close();
    expect(await pending).toMatchObject({ platformCode: 'disconnected', retryable: true });
    expect(transport.connected).toBe(false);
    expect(await failureOf(new OneBotApi(transport).sendPrivateMsg(1, 'y'))).toMatchObject({ platformCode: 'not_connected' });

    await connect((frame) => ok(frame, 9));
    expect(transport.connected).toBe(true);
    await expect(new OneBotApi(transport).sendPrivateMsg(1, 'z')).resolves.toEqual({ messageId: 9 });
  });

  it('refuses calls before any implementation connected', async () => {
    const error = await failureOf(new OneBotApi(transport).sendPrivateMsg(1, 'x'));
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ platformCode: 'not_connected', retryable: true });
  });
});
