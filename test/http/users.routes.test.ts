import { useLiveChatService, addUser, asUser, signIn, sessionCookie } from '../helpers/live-chat';
import { AuditLog, Session, User } from '../../src/domain/models';

const service = useLiveChatService('users_routes');
const app = () => service().app;
const U = '/api/v1/console/users';
const login = (email: string, password: string) => app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('users and agents (admins)', () => {
  let asBoss: ReturnType<typeof asUser>;
  beforeAll(async () => {
    asBoss = asUser(app(), await signIn(app(), { email: 'boss@example.com', password: 'first-admin-password' }));
  });

  it('creates an agent with a generated password shown once, who can then sign in', async () => {
    const res = await asBoss('POST', U, { email: 'Xiaomei@Example.com', name: '刘小美', role: 'agent', maxChats: 3, skills: ['订单', '投诉', '订单'], groups: ['白班'], locale: 'zh-TW' });
    expect(res.statusCode).toBe(201);
    const { user, password } = res.json();
    expect(user).toMatchObject({ email: 'xiaomei@example.com', name: '刘小美', role: 'agent', maxChats: 3, skills: ['订单', '投诉'], groups: ['白班'], locale: 'zh-TW', active: true, presence: 'offline' });
    expect(user.agentNumber).toMatch(/^\d{3}$/);
    expect(password).toHaveLength(18);
    expect(res.body).not.toContain('passwordHash');
    expect((await login('xiaomei@example.com', password)).statusCode).toBe(200);
    expect((await asBoss('GET', U)).json().items.map((u: { email: string }) => u.email)).toContain('xiaomei@example.com');
    expect(await AuditLog.findOne({ action: 'user.create', 'entity.id': user.id }).lean()).toMatchObject({ actor: { name: 'Administrator' }, changes: { role: 'agent' } });
  });

  it('refuses bad input with 400 naming the field, and a taken e-mail or number with 409', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await asBoss('POST', U, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    const ok = { email: 'new@example.com', name: '新人', role: 'agent' };
    await bad({ ...ok, role: 'boss' }, 'role');
    await bad({ ...ok, email: 'not-an-email' }, 'email');
    await bad({ ...ok, maxChats: '5' }, 'maxChats');
    await bad({ ...ok, maxChats: 0 }, 'maxChats');
    await bad({ ...ok, name: '   ' }, 'name');
    await bad({ ...ok, agentNumber: 'no spaces!' }, 'agentNumber');
    await bad({ ...ok, password: 'short' }, 'password');
    await bad({ ...ok, skills: 'orders' }, 'skills');
    await bad({ ...ok, isAdmin: true }, 'isAdmin');
    const taken = await asBoss('POST', U, { ...ok, email: 'boss@example.com' });
    expect(taken.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ field: 'email' }] });
    const first = await asBoss('POST', U, { ...ok, agentNumber: '777' });
    expect(first.statusCode).toBe(201);
    expect((await asBoss('POST', U, { ...ok, email: 'other@example.com', agentNumber: '777' })).json().error.details).toEqual([expect.objectContaining({ field: 'agentNumber' })]);
  });

  it('edits a user and records each changed field with its old and new value', async () => {
    const agent = await addUser('周敏');
    const res = await asBoss('PATCH', `${U}/${agent.id}`, { role: 'manager', maxChats: 8, skills: ['English'] });
    expect(res.json().user).toMatchObject({ role: 'manager', maxChats: 8, skills: ['English'] });
    const audit = await AuditLog.findOne({ action: 'user.update', 'entity.id': agent.id }).lean();
    expect(audit?.changes).toEqual({ role: { from: 'agent', to: 'manager' }, maxChats: { from: null, to: 8 }, skills: { from: [], to: ['English'] } });
    expect((await asBoss('PATCH', `${U}/${agent.id}`, { maxChats: null })).json().user.maxChats).toBeUndefined();
    expect((await asBoss('PATCH', `${U}/${agent.id}`, {})).json().error.code).toBe('VALIDATION_FAILED');
    expect((await asBoss('PATCH', `${U}/0123456789abcdef01234567`, { name: 'x' })).json().error.code).toBe('USER_NOT_FOUND');
    const trail = (await asBoss('GET', `/api/v1/console/audit?entityType=User&entityId=${agent.id}`)).json().items;
    expect(trail.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['user.create', 'user.update']));
  });

  it('disables a user: signed out everywhere, offline, refused at sign-in; enabling lets them back', async () => {
    const agent = await addUser('吕强');
    const cookie = await signIn(app(), agent);
    expect((await User.findById(agent.id).lean())?.presence).toBe('online');
    const res = await asBoss('PATCH', `${U}/${agent.id}`, { active: false });
    expect(res.json().user).toMatchObject({ active: false, presence: 'offline' });
    expect(await Session.countDocuments({ user: agent.id })).toBe(0);
    expect((await app().inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await login(agent.email, agent.password)).statusCode).toBe(401);
    expect(await AuditLog.exists({ action: 'user.disable', 'entity.id': agent.id })).toBeTruthy();
    expect((await asBoss('GET', U)).json().items.some((u: { id: string }) => u.id === agent.id)).toBe(false);
    expect((await asBoss('GET', `${U}?includeDisabled=true`)).json().items.some((u: { id: string }) => u.id === agent.id)).toBe(true);
    await asBoss('PATCH', `${U}/${agent.id}`, { active: true });
    expect((await login(agent.email, agent.password)).statusCode).toBe(200);
  });

  it('keeps the last active admin from being disabled or demoted', async () => {
    const boss = await User.findOne({ email: 'boss@example.com' }).lean();
    expect((await asBoss('PATCH', `${U}/${boss!._id}`, { active: false })).json().error.code).toBe('LAST_ADMIN');
    expect((await asBoss('PATCH', `${U}/${boss!._id}`, { role: 'agent' })).json().error.code).toBe('LAST_ADMIN');
  });

  it('resets a password: the old one stops working, a locked account opens, sessions end', async () => {
    const agent = await addUser('郑洁');
    await signIn(app(), agent);
    for (let i = 0; i < 5; i++) await login(agent.email, `wrong-password-${i}`);
    expect((await login(agent.email, agent.password)).statusCode).toBe(423);
    const res = await asBoss('POST', `${U}/${agent.id}/password`, {});
    expect(res.statusCode).toBe(200);
    const { password } = res.json();
    expect(await Session.countDocuments({ user: agent.id })).toBe(0);
    expect((await login(agent.email, agent.password)).statusCode).toBe(401);
    expect((await login(agent.email, password)).statusCode).toBe(200);
    expect((await asBoss('POST', `${U}/${agent.id}/password`, { password: 'chosen-password-9' })).json()).toEqual({});
    expect((await login(agent.email, 'chosen-password-9')).statusCode).toBe(200);
    expect(JSON.stringify(await AuditLog.find({ 'entity.id': agent.id }).lean())).not.toContain('chosen-password-9');
  });

  it('lets a user change their own password; the current one must be right and their other sessions end', async () => {
    const agent = await addUser('钟灵');
    const here = await signIn(app(), agent);
    const elsewhere = await signIn(app(), agent);
    const change = (body: Record<string, unknown>) => app().inject({ method: 'PUT', url: '/api/v1/auth/me/password', headers: { cookie: here }, payload: body });
    expect((await change({ currentPassword: 'wrong-password', newPassword: 'brand-new-pass-1' })).json().error.details).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    expect((await change({ currentPassword: agent.password, newPassword: 'short' })).json().error.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    expect((await change({ currentPassword: agent.password, newPassword: 'brand-new-pass-1' })).statusCode).toBe(204);
    expect((await app().inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: here } })).statusCode).toBe(200);
    expect((await app().inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: elsewhere } })).statusCode).toBe(401);
    expect(sessionCookie(await login(agent.email, 'brand-new-pass-1'))).toMatch(/^kefu_session=/);
  });

  it('keeps user administration to admins', async () => {
    const manager = await addUser('主管甲', 'manager');
    const asManager = asUser(app(), await signIn(app(), manager));
    expect((await asManager('GET', U)).statusCode).toBe(403);
    expect((await asManager('POST', U, { email: 'x@example.com', name: 'x', role: 'admin' })).statusCode).toBe(403);
    expect((await asManager('GET', '/api/v1/console/audit')).statusCode).toBe(200);
  });
});
