import { testServiceConfig } from './service-config';
import mongoose from 'mongoose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { startService, type Service } from '../../src/service';
import { createUser } from '../../src/domain/user/user.service';
import type { Role } from '../../src/domain/user/user.model';
import { SYSTEM } from '../../src/domain/audit/audit.service';
import { testLogger } from './logger';

/**
 * The whole service (as `npm start` builds it) on a fresh database of the test run, not
 * listening: routes are called with app.inject(). Always open, so a hand-off reaches agents.
 */
export function useLiveChatService(label: string, env: Record<string, string> = {}): () => Service {
  let service: Service | undefined;
  beforeAll(async () => {
    const config = testServiceConfig(label, { COMPANY_NAME: '贵州飞满天酒业有限公司', ASSIGNMENT_MODE: 'manual', ...env });
    service = await startService(config, testLogger);
  });
  afterAll(async () => {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await service?.close();
  });
  return () => {
    if (!service) throw new Error('the service has not started');
    return service;
  };
}

/** A console user with a password (presence offline until they set it). */
export async function addUser(name: string, role: Role = 'agent', extra: { maxChats?: number } = {}) {
  const email = `${encodeURIComponent(name)}-${Math.random().toString(36).slice(2, 8)}@example.com`.replace(/%/g, '').toLowerCase();
  const password = `${role}-password-1`;
  const user = await createUser({ email, name, role, password, ...extra }, SYSTEM);
  return { id: String(user._id), email, password, name, agentNumber: user.agentNumber };
}

/** The `kefu_session=…` cookie of a sign-in. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'kefu_session');
  if (!cookie) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `kefu_session=${cookie.value}`;
}

/** Signs in and returns the cookie header to send. */
export async function signIn(app: FastifyInstance, user: { email: string; password: string }): Promise<string> {
  return sessionCookie(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } }));
}

/** Signs in and sets the user online (only online agents receive hand-offs). */
export async function online(app: FastifyInstance, user: { email: string; password: string }): Promise<string> {
  const cookie = await signIn(app, user);
  const res = await app.inject({ method: 'PUT', url: '/api/v1/console/me/presence', headers: { cookie }, payload: { presence: 'online' } });
  if (res.statusCode !== 200) throw new Error(`presence: ${res.statusCode} ${res.body}`);
  return cookie;
}

/** A visitor's open conversation. */
export interface Visitor {
  conversationId: string;
  token: string;
}

/** Opens a conversation through the client API. */
export async function openChat(app: FastifyInstance, body: Record<string, unknown> = { locale: 'zh-CN' }): Promise<Visitor> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/client/conversations', payload: body });
  if (res.statusCode !== 201) throw new Error(`open: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Sends a customer message through the client API. */
export function say(app: FastifyInstance, v: Visitor, body: Record<string, unknown> | string): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/v1/client/conversations/${v.conversationId}/messages`,
    headers: { authorization: `Bearer ${v.token}` },
    payload: typeof body === 'string' ? { text: body } : body,
  });
}

/** Reads the transcript the customer sees. */
export async function transcript(app: FastifyInstance, v: Visitor, after?: string) {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/client/conversations/${v.conversationId}/messages${after ? `?after=${after}` : ''}`,
    headers: { authorization: `Bearer ${v.token}` },
  });
  if (res.statusCode !== 200) throw new Error(`transcript: ${res.statusCode} ${res.body}`);
  return res.json() as { messages: { id: string; author: string; text: string; agent?: { name: string; number: string } }[]; cursor?: string; conversation: { status: string; queuePosition?: number; agent?: { name: string; number: string } } };
}

/** A customer who asked for a human: the conversation is handed off (waiting, or assigned in auto mode). */
export async function waitingCustomer(app: FastifyInstance, body?: Record<string, unknown>): Promise<Visitor> {
  const visitor = await openChat(app, body);
  const res = await say(app, visitor, '转人工');
  if (res.statusCode !== 200) throw new Error(`hand-off: ${res.statusCode} ${res.body}`);
  return visitor;
}

/** Calls a console route as a signed-in user. */
export function asUser(app: FastifyInstance, cookie: string) {
  return (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

/** Polls until check() returns a value (not undefined/false) or throws its last error after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > until) throw lastError ?? new Error('the condition did not become true in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
