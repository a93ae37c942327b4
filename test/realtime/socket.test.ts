import { testServiceConfig } from '../helpers/service-config';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import { startService, type Service } from '../../src/service';
import { testLogger } from '../helpers/logger';
import { addUser, online, openChat, asUser, type Visitor } from '../helpers/live-chat';

/** The next `event` on the socket that satisfies `accept` (rejects after a timeout). */
function next<T>(socket: Socket, event: string, accept: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Resolves when connected, rejects with the server's connect_error message. */
function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

type Message = { id: string; author: string; text: string; internal?: boolean; agent?: { name: string; number: string } };

describe('live chat over socket.io', () => {
  let service: Service;
  let base = '';
  let stopped = false;
  const sockets: Socket[] = [];
  const open = (nsp: string, opts: Parameters<typeof io>[1]) => {
    const socket = io(`${base}${nsp}`, { transports: ['websocket'], reconnection: false, forceNew: true, ...opts });
    sockets.push(socket);
    return socket;
  };
  const widget = (v: Visitor) => open('/widget', { auth: { conversationId: v.conversationId, token: v.token } });
  const consoleSocket = (cookie: string) => open('/console', { extraHeaders: { cookie } });

  beforeAll(async () => {
    const config = testServiceConfig('realtime', { ASSIGNMENT_MODE: 'manual' });
    service = await startService(config, testLogger);
    await service.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    if (stopped) return;
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await service.close();
  });

  it('refuses a widget without the right token and a console without a session', async () => {
    const v = await openChat(service.app);
    await expect(connected(open('/widget', { auth: { conversationId: v.conversationId, token: 'wrong' } }))).rejects.toThrow('unauthorized');
    await expect(connected(open('/widget', { auth: {} }))).rejects.toThrow('unauthorized');
    await expect(connected(consoleSocket('kefu_session=forged'))).rejects.toThrow('unauthorized');
  });

  it('carries a customer’s message to the agent’s console and the agent’s reply, typing and status to the widget', async () => {
    const agent = await addUser('王小明');
    const cookie = await online(service.app, agent);
    const asAgent = asUser(service.app, cookie);
    const v = await openChat(service.app);
    const customer = await connected(widget(v));
    const desk = await connected(consoleSocket(cookie));

    // The customer asks for a human over the socket: the ack has the bot's answer, the console hears of the waiting chat.
    const waiting = next<{ id: string; status: string }>(desk, 'conversation', (c) => c.id === v.conversationId && c.status === 'waiting');
    const ack = await customer.emitWithAck('message', { text: '转人工', clientMessageId: 'w-1' });
    expect(ack.messages[0]).toMatchObject({ author: 'bot', text: expect.stringContaining('人工客服') });
    await waiting;

    // The agent claims: the widget learns who serves it.
    const status = next<{ status: string; agent?: { name: string } }>(customer, 'conversation', (s) => s.status === 'assigned');
    expect((await asAgent('POST', `/api/v1/console/conversations/${v.conversationId}/claim`)).statusCode).toBe(200);
    expect(await status).toEqual({ status: 'assigned', agent: { name: '王小明', number: agent.agentNumber } });

    // A customer message reaches the console socket.
    const incoming = next<{ conversationId: string; message: Message }>(desk, 'message', (p) => p.message.author === 'customer' && p.message.text === '我想订两瓶酒');
    const quiet = await customer.emitWithAck('message', { text: '我想订两瓶酒', clientMessageId: 'w-2' });
    expect(quiet).toEqual({ messages: [] });
    expect((await incoming).conversationId).toBe(v.conversationId);

    // Typing both ways.
    const agentTyping = next<{ on: boolean }>(customer, 'typing');
    desk.emit('typing', { conversationId: v.conversationId, on: true });
    expect(await agentTyping).toEqual({ on: true });
    const customerTyping = next<{ conversationId: string; on: boolean }>(desk, 'typing');
    customer.emit('typing', { on: true });
    expect(await customerTyping).toEqual({ conversationId: v.conversationId, on: true });

    // An internal note stays in the console; the agent's reply reaches the widget with name and number.
    const received: Message[] = [];
    customer.on('message', (m: Message) => received.push(m));
    const note = next<{ message: Message }>(desk, 'message', (p) => !!p.message.internal);
    await asAgent('POST', `/api/v1/console/conversations/${v.conversationId}/messages`, { text: '内部备注：老客户', internal: true });
    await note;
    const reply = next<Message>(customer, 'message', (m) => m.author === 'agent');
    await asAgent('POST', `/api/v1/console/conversations/${v.conversationId}/messages`, { text: '好的，两瓶天朝上品，请问收货地址是？' });
    expect(await reply).toMatchObject({ text: '好的，两瓶天朝上品，请问收货地址是？', agent: { name: '王小明', number: agent.agentNumber } });
    expect(received.map((m) => m.text)).not.toContain('内部备注：老客户');
    expect(received.every((m) => !('internal' in m) && !('delivery' in m))).toBe(true);

    // A socket message with a bad body gets the same 400 as the HTTP route.
    expect((await customer.emitWithAck('message', { text: { $ne: 1 }, clientMessageId: 'w-3' })).error.code).toBe('VALIDATION_FAILED');

    // Closing tells the widget, which shows the rating form.
    const closed = next<{ status: string }>(customer, 'conversation', (s) => s.status === 'closed');
    await asAgent('POST', `/api/v1/console/conversations/${v.conversationId}/close`);
    await closed;
  });

  it('disconnects a console on sign-out', async () => {
    const agent = await addUser('李晓华');
    const cookie = await online(service.app, agent);
    const desk = await connected(consoleSocket(cookie));
    const gone = new Promise<string>((resolve) => desk.once('disconnect', resolve));
    await service.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(await gone).toBe('io server disconnect');
  });

  it('closes every socket when the service stops', async () => {
    const v = await openChat(service.app);
    const customer = await connected(widget(v));
    const gone = new Promise<string>((resolve) => customer.once('disconnect', resolve));
    await mongoose.connection.dropDatabase();
    stopped = true;
    await service.close();
    expect(await gone).toBeTruthy();
  });
});
