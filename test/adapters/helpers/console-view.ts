import type { FastifyInstance } from 'fastify';
import { BOSS } from '../../helpers/service-config';
import { multipart } from '../../helpers/media-files';
import { createUser } from '../../../src/domain/user/user.service';
import { SYSTEM } from '../../../src/domain/audit/audit.service';

/** A message of a conversation as the console shows it, with its files. */
export interface ConsoleMessage {
  id: string;
  author: string;
  text: string;
  attachments?: { kind: string; name?: string; mime?: string; size?: number; url?: string; transcript?: string; error?: string }[];
  delivery?: { state: string; error?: string };
}

/** Signs in as the first admin (a manager: every conversation) and returns the session cookie. */
export async function managerCookie(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: BOSS });
  if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`);
  return String(res.headers['set-cookie']).split(';')[0];
}

/** The transcript of a conversation as the console shows it. */
export async function consoleTranscript(app: FastifyInstance, cookie: string, conversationId: string): Promise<ConsoleMessage[]> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/console/conversations/${conversationId}`, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`transcript: ${res.statusCode} ${res.body}`);
  return (res.json() as { messages: ConsoleMessage[] }).messages;
}

/** The bytes the console fetches for an attachment URL. */
export async function consoleFile(app: FastifyInstance, cookie: string, url: string): Promise<{ status: number; type?: string; data: Buffer }> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, type: res.headers['content-type'] as string | undefined, data: res.rawPayload };
}

/** An agent who signed in and set themselves online (so a hand-off reaches them); returns their session cookie. */
export async function onlineAgent(app: FastifyInstance, email = `agent-${Math.random().toString(36).slice(2, 8)}@example.com`): Promise<string> {
  await createUser({ email, name: '王小明', role: 'agent', password: 'agent-password-1' }, SYSTEM);
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'agent-password-1' } });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const presence = await app.inject({ method: 'PUT', url: '/api/v1/console/me/presence', headers: { cookie }, payload: { presence: 'online' } });
  if (presence.statusCode !== 200) throw new Error(`presence: ${presence.statusCode} ${presence.body}`);
  return cookie;
}

/** The agent claims a waiting conversation. */
export async function claim(app: FastifyInstance, cookie: string, conversationId: string): Promise<void> {
  const res = await app.inject({ method: 'POST', url: `/api/v1/console/conversations/${conversationId}/claim`, headers: { cookie }, payload: {} });
  if (res.statusCode !== 200) throw new Error(`claim: ${res.statusCode} ${res.body}`);
}

/** The agent sends a picture (as the console does: multipart upload); returns the stored message. */
export async function agentSendsPicture(app: FastifyInstance, cookie: string, conversationId: string, picture: Buffer, name = 'guide.png', caption = ''): Promise<ConsoleMessage> {
  const body = await multipart(caption ? { text: caption } : {}, { data: picture, name, type: 'image/png' });
  const res = await app.inject({ method: 'POST', url: `/api/v1/console/conversations/${conversationId}/attachments`, headers: { ...body.headers, cookie }, payload: body.payload });
  if (res.statusCode !== 201) throw new Error(`send picture: ${res.statusCode} ${res.body}`);
  return (res.json() as { message: ConsoleMessage }).message;
}
