import { useLiveChatService, addUser, sessionCookie, signIn } from '../helpers/live-chat';
import { LoginThrottle, Session, User } from '../../src/domain/models';

// Three failures lock the account for a minute.
const service = useLiveChatService('auth_routes', { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '1' });
const app = () => service().app;
const login = (email: string, password: string) => app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('console sign-in', () => {
  it('signs in with an httpOnly SameSite=Strict session cookie whose token is stored only as a hash, and online', async () => {
    const agent = await addUser('王小明');
    const res = await login(agent.email, agent.password);
    expect(res.statusCode).toBe(200);
    // Signed in means at the desk (PRESENCE_ON_SIGN_IN=online): customers are not told everyone is busy.
    expect(res.json().user).toMatchObject({ name: '王小明', role: 'agent', agentNumber: agent.agentNumber, presence: 'online' });
    expect(res.body).not.toContain('passwordHash');
    const cookie = res.cookies.find((c) => c.name === 'kefu_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await Session.exists({ _id: cookie.value })).toBeNull();
    expect(await Session.countDocuments({ user: agent.id })).toBe(1);
    const me = await app().inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: sessionCookie(res) } });
    expect(me.json().user.email).toBe(agent.email);
  });

  it('answers 401 without a session, with a wrong password, and for an unknown e-mail alike', async () => {
    const agent = await addUser('李四');
    expect((await app().inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await app().inject({ method: 'GET', url: '/api/v1/console/agents', headers: { cookie: 'kefu_session=forged' } })).statusCode).toBe(401);
    const wrong = await login(agent.email, 'not-the-password');
    const unknown = await login('nobody@example.com', 'not-the-password');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('rejects an operator object instead of an e-mail with 400', async () => {
    const res = await app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: { $ne: null }, password: 'x' } });
    expect(res.statusCode).toBe(400);
  });

  it('locks the account after LOGIN_MAX_FAILURES wrong passwords, even against the right one, until the lock expires', async () => {
    const agent = await addUser('赵六');
    expect((await login(agent.email, 'wrong-1')).statusCode).toBe(401);
    expect((await login(agent.email, 'wrong-2')).statusCode).toBe(401);
    const third = await login(agent.email, 'wrong-3');
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
    expect((await login(agent.email, agent.password)).statusCode).toBe(423);
    // The lock ran out (moved into the past here rather than waiting a minute).
    await LoginThrottle.updateMany({ email: agent.email }, { $set: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await login(agent.email, agent.password)).statusCode).toBe(200);
  });

  it('signs out: the session is deleted, the cookie cleared, and the user goes offline', async () => {
    const agent = await addUser('孙七');
    const cookie = await signIn(app(), agent);
    await app().inject({ method: 'PUT', url: '/api/v1/console/me/presence', headers: { cookie }, payload: { presence: 'online' } });
    const out = await app().inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'kefu_session')?.value).toBe('');
    expect(await Session.countDocuments({ user: agent.id })).toBe(0);
    expect((await app().inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await User.findById(agent.id).lean())?.presence).toBe('offline');
  });

  it('refuses an expired session', async () => {
    const agent = await addUser('周八');
    const cookie = await signIn(app(), agent);
    await Session.updateMany({ user: agent.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await app().inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('keeps manager and admin routes from agents (403)', async () => {
    const agent = await addUser('吴九');
    const cookie = await signIn(app(), agent);
    expect((await app().inject({ method: 'GET', url: '/api/v1/console/audit', headers: { cookie } })).statusCode).toBe(403);
    expect((await app().inject({ method: 'GET', url: '/api/v1/console/users', headers: { cookie } })).statusCode).toBe(403);
    expect((await app().inject({ method: 'GET', url: '/api/v1/console/conversations?view=all', headers: { cookie } })).statusCode).toBe(403);
  });
});
