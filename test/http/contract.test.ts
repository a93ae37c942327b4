import { useLiveChatService, addUser, asUser, openChat, signIn } from '../helpers/live-chat';
import * as enums from '../../src/http/contract/enums';
import { LEAD_STATUSES } from '../../src/domain/lead/lead.model';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from '../../src/domain/complaint/complaint.model';
import { CONVERSATION_STATUSES } from '../../src/domain/conversation/conversation.model';

const service = useLiveChatService('contract');
const app = () => service().app;

/** Every route of the app as "METHOD /path/{param}", read from fastify's route tree. */
function routesOf(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    for (const method of (m[3] ?? '').split(',').map((x) => x.trim()).filter(Boolean)) out.push(`${method} ${stack.join('').replace(/:(\w+)/g, '{$1}')}`);
  }
  return out;
}

/** Pages, assets and platform webhooks: served, but not part of the JSON API. */
const UNDOCUMENTED = /^(\/openapi\.json|\/widget\.js|\/demo|\/console|\/webhooks\/|\/api\/messages|\/ws\/)/;

describe('one contract: zod schemas give validation, answers and /openapi.json', () => {
  it('documents every API route in /openapi.json with a tag, a summary and its answers', async () => {
    const doc = (await app().inject({ method: 'GET', url: '/openapi.json' })).json();
    const routes = routesOf(app().printRoutes({ commonPrefix: false })).filter((r) => !/^(HEAD|OPTIONS) /.test(r));
    const api = routes.filter((r) => !UNDOCUMENTED.test(r.split(' ')[1]));
    expect(api.length).toBeGreaterThan(40);
    const missing = api.filter((r) => {
      const [method, path] = r.split(' ');
      const op = doc.paths[path]?.[method.toLowerCase()];
      return !op || !op.summary || !op.tags?.length || !Object.keys(op.responses ?? {}).length;
    });
    expect(missing).toEqual([]);
    // Shapes written once appear once, as components.
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['ConsoleMessage', 'ConversationItem', 'ConsoleUser', 'Violation', 'Error']));
  });

  it('keeps the contract’s value lists equal to the models’', () => {
    expect(enums.LEAD_STATUSES).toEqual(LEAD_STATUSES);
    expect(enums.COMPLAINT_STATUSES).toEqual(COMPLAINT_STATUSES);
    expect(enums.COMPLAINT_CATEGORIES).toEqual(COMPLAINT_CATEGORIES);
    // The conversation model keeps its list beside mongoose; the contract's copy must not drift.
    expect(enums.CONVERSATION_STATUSES).toEqual(CONVERSATION_STATUSES);
  });

  it('never coerces: a number, boolean, array or null where a string belongs is 400 naming the field', async () => {
    const v = await openChat(app());
    const send = (payload: unknown) =>
      app().inject({ method: 'POST', url: `/api/v1/client/conversations/${v.conversationId}/messages`, headers: { authorization: `Bearer ${v.token}` }, payload: payload as Record<string, unknown> });
    for (const text of [42, true, ['hi'], null, { $gt: '' }]) {
      const res = await send({ text });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'text' })] });
      expect(res.json().error.message).toContain('text');
    }
    const unknown = await send({ text: '你好', priority: 10 });
    expect(unknown.json().error.details).toEqual([{ field: 'priority', message: 'is not a known field' }]);
    const boss = asUser(app(), await signIn(app(), { email: 'boss@example.com', password: 'first-admin-password' }));
    const agent = await addUser('契约');
    expect((await boss('PATCH', `/api/v1/console/users/${agent.id}`, { active: 'false' })).json().error.details).toEqual([expect.objectContaining({ field: 'active' })]);
    expect((await boss('PATCH', `/api/v1/console/users/${agent.id}`, { name: 7 })).json().error.details).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it('answers a body that is not JSON, or no body where one is needed, with 400 VALIDATION_FAILED', async () => {
    const bad = await app().inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body' }] });
    const none = await app().inject({ method: 'POST', url: '/api/v1/auth/login' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('lets no stored field out that the contract does not name', async () => {
    const boss = asUser(app(), await signIn(app(), { email: 'boss@example.com', password: 'first-admin-password' }));
    const users = await boss('GET', '/api/v1/console/users');
    for (const secret of ['passwordHash', 'failedLogins', 'lockedUntil', '__v']) expect(users.body).not.toContain(secret);
    const v = await openChat(app());
    const transcript = await app().inject({ method: 'GET', url: `/api/v1/client/conversations/${v.conversationId}/messages`, headers: { authorization: `Bearer ${v.token}` } });
    for (const inner of ['delivery', 'channelMessageId', 'tokenHash', 'replyTo']) expect(transcript.body).not.toContain(inner);
  });
});
