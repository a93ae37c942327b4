import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { io, type Socket } from 'socket.io-client';
import { useLiveChatService, addUser, eventually, say, signIn, type Visitor } from '../helpers/live-chat';
import { Conversation } from '../../src/domain/models';

const service = useLiveChatService('rate_limits', {
  RATE_LIMIT_LOGIN_PER_IP: '5/1m',
  RATE_LIMIT_LOGIN_PER_ACCOUNT: '8/1m',
  RATE_LIMIT_CONVERSATIONS_PER_IP: '3/1m',
  RATE_LIMIT_MESSAGES_PER_IP: '6/1m',
  WIDGET_SOCKETS_PER_CONVERSATION: '3',
  CONSOLE_SOCKETS_PER_SESSION: '2',
});
const app = () => service().app;
const login = (email: string, password: string, address: string) =>
  app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: address });
const open = (address: string) => app().inject({ method: 'POST', url: '/api/v1/client/conversations', payload: { locale: 'zh-CN' }, remoteAddress: address });
const statuses = (answers: LightMyRequestResponse[]) => answers.map((a) => a.statusCode);

/** A 429 as every limit answers it: Retry-After within the window and a message saying when. */
function expectLimited(res: LightMyRequestResponse, windowSeconds: number): void {
  expect(res.statusCode).toBe(429);
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(res.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/try again in \d+ seconds/), details: { retryAfterSeconds: retryAfter } });
}

describe('abuse limits', () => {
  let base = '';
  const sockets: Socket[] = [];
  beforeAll(async () => {
    await app().listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app().server.address() as AddressInfo).port}`;
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));
  const widget = (v: Visitor) => {
    const socket = io(`${base}/widget`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { conversationId: v.conversationId, token: v.token } });
    sockets.push(socket);
    return new Promise<Socket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };

  it('answers the sixth sign-in of a minute from one address with 429 and Retry-After; another address is not held up', async () => {
    const answers: LightMyRequestResponse[] = [];
    for (let i = 0; i < 6; i++) answers.push(await login(`guess-${i}@example.com`, 'wrong-password', '10.20.0.1'));
    expect(statuses(answers).slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expectLimited(answers[5], 60);
    expect((await login('guess-0@example.com', 'wrong-password', '10.20.0.2')).statusCode).toBe(401);
  });

  it('counts parallel sign-ins as they arrive: five of twenty get through', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(`parallel-${i}@example.com`, 'wrong-password', '10.21.0.1')));
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(15);
  });

  it('limits sign-ins for one account across addresses, but not from an address that signed in to it before', async () => {
    const agent = await addUser('限流甲');
    expect((await login(agent.email, agent.password, '10.22.0.100')).statusCode).toBe(200);
    const answers: LightMyRequestResponse[] = [];
    for (let i = 1; i <= 8; i++) answers.push(await login(agent.email, 'wrong-password', `10.22.0.${i}`));
    // The first sign-in counted (the address was not known yet): seven more get through, the eighth is refused.
    expect(statuses(answers.slice(0, 7))).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expectLimited(answers[7], 60);
    expect(answers[7].json().error.message).toContain('this account');
    expect((await login(agent.email, agent.password, '10.22.0.100')).statusCode).toBe(200);
  });

  it('refuses the fourth new conversation of a minute from one address and creates nothing for it', async () => {
    const before = await Conversation.countDocuments();
    const answers = [await open('10.23.0.1'), await open('10.23.0.1'), await open('10.23.0.1'), await open('10.23.0.1')];
    expect(statuses(answers.slice(0, 3))).toEqual([201, 201, 201]);
    expectLimited(answers[3], 60);
    expect(await Conversation.countDocuments()).toBe(before + 3);
    expect((await open('10.23.0.2')).statusCode).toBe(201);
  });

  it('counts the widget socket’s messages with the client API’s, by the customer’s address', async () => {
    const v: Visitor = (await open('10.24.0.1')).json();
    // Both the socket and these requests come from 127.0.0.1: six messages a minute in all.
    for (let i = 0; i < 4; i++) expect((await say(app(), v, { text: `第${i}条`, clientMessageId: `m-${i}` })).statusCode).toBe(200);
    const socket = await widget(v);
    expect((await socket.emitWithAck('message', { text: '第4条', clientMessageId: 'm-4' })).messages).toBeDefined();
    expect((await socket.emitWithAck('message', { text: '第5条', clientMessageId: 'm-5' })).messages).toBeDefined();
    expect((await socket.emitWithAck('message', { text: '第6条', clientMessageId: 'm-6' })).error).toMatchObject({ code: 'RATE_LIMITED' });
    expectLimited(await say(app(), v, { text: '第7条' }), 60);
  });

  it('accepts three sockets on one conversation token and refuses the rest, of two hundred at once', async () => {
    const v: Visitor = (await open('10.25.0.1')).json();
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => widget(v)));
    const accepted = results.filter((r): r is PromiseFulfilledResult<Socket> => r.status === 'fulfilled');
    expect(accepted).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.message === 'too_many_connections')).toBe(true);
    // A socket that leaves gives its place back.
    accepted[0].value.disconnect();
    await eventually(() => widget(v));
    await expect(widget(v)).rejects.toThrow('too_many_connections');
  });

  it('accepts two console sockets on one sign-in and refuses a third', async () => {
    const cookie = await signIn(app(), await addUser('多窗口甲'));
    const desk = () => {
      const socket = io(`${base}/console`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
      sockets.push(socket);
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    };
    await desk();
    await desk();
    await expect(desk()).rejects.toThrow('too_many_connections');
  });
});
