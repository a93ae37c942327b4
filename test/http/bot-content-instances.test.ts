import { testDatabaseUri } from '../helpers/database';
import { startTwoInstances, type TwoInstances } from '../helpers/instances';
import { waitFor, type ServiceProcess } from '../helpers/service-process';
import { createVersion, readVersion } from '../../src/domain/bot-content/version.service';

jest.setTimeout(300_000);

/** The zh-TW greeting a new widget chat gets from an instance. */
async function greeting(on: ServiceProcess): Promise<string> {
  const res = await fetch(`${on.url}/api/v1/client/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'zh-TW' }) });
  const { conversationId, token } = (await res.json()) as { conversationId: string; token: string };
  const t = await fetch(`${on.url}/api/v1/client/conversations/${conversationId}/messages`, { headers: { authorization: `Bearer ${token}` } });
  return ((await t.json()) as { messages: { text: string }[] }).messages.map((m) => m.text).join('\n');
}

async function call(on: ServiceProcess, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${on.url}/api/v1/console/bot${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { id?: string; status?: string } };
}

describe('a publish reaches every instance without a restart', () => {
  const uri = testDatabaseUri('bot_instances');
  let instances: TwoInstances;
  let a: ServiceProcess;
  let b: ServiceProcess;

  beforeAll(async () => {
    // A reads the release every second; B only every five minutes, so it can only hear a publish over Redis.
    instances = await startTwoInstances(uri, (which) => ({ COMPANY_PROFILE: 'retail', BUSINESS_HOURS: 'mon-sun 00:00-24:00', BOT_CONTENT_POLL_SECONDS: which === 'a' ? '1' : '300' }));
    ({ a, b } = instances);
  });

  afterAll(() => instances?.stop());

  it('publishes on one instance and the other greets with the new wording within seconds (Redis), then an instance that polls runs a version written meanwhile', async () => {
    const login = await fetch(`${a.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'boss@example.com', password: 'first-admin-password' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const draft = await call(a, cookie, 'GET', '/draft');
    const wording = (draft.json.bundle as { wording: Record<string, Record<string, Record<string, string>>> }).wording.greeting;
    const opening = `${wording['zh-TW'].opening}本週全館免運。`;
    expect((await call(a, cookie, 'PUT', '/draft/part', { section: 'wording', name: 'greeting', value: { ...wording, 'zh-TW': { ...wording['zh-TW'], opening } } })).json.problems).toEqual([]);
    const run = await call(a, cookie, 'POST', '/tests', {});
    const done = await waitFor(async () => {
      const r = await call(a, cookie, 'GET', `/tests/${run.json.id}`);
      return r.json.status !== 'running' && r.json;
    }, 240_000, 500);
    expect(done).toMatchObject({ status: 'passed' });
    expect((await call(a, cookie, 'POST', '/publish', { note: 'Redis' })).status).toBe(201);
    expect(await greeting(a)).toContain('本週全館免運');
    expect(await waitFor(async () => (await greeting(b)).includes('本週全館免運'), 10_000, 250)).toBe(true);

    // A version written by someone else (no announcement): A, which polls, runs it within seconds.
    const { bundle } = await readVersion('retail', 1);
    await createVersion('retail', bundle, { kind: 'rollback', note: 'direct', author: { name: 'test' }, restores: 1 });
    expect(await waitFor(async () => !(await greeting(a)).includes('本週全館免運'), 10_000, 250)).toBe(true);
  });
});
