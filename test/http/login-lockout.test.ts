import type { LightMyRequestResponse } from 'fastify';
import { useLiveChatService, addUser, asUser, signIn } from '../helpers/live-chat';
import { BOSS } from '../helpers/service-config';
import { AuditLog, LoginThrottle } from '../../src/domain/models';

// Five wrong passwords from one address lock that address out of the e-mail for 15 minutes.
const service = useLiveChatService('login_lockout', { LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15' });
const app = () => service().app;
const login = (email: string, password: string, address: string) =>
  app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: address });
const tally = (answers: LightMyRequestResponse[]) => answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.statusCode]: (t[a.statusCode] ?? 0) + 1 }), {});
const minutesLocked = (res: LightMyRequestResponse) => (Date.parse(res.json().error.details.lockedUntil) - Date.now()) / 60_000;

describe('the sign-in lockout', () => {
  it('checks five of a hundred parallel wrong passwords for one account and refuses the rest unchecked', async () => {
    const agent = await addUser('并发甲');
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => login(agent.email, `wrong-${i}`, '10.1.0.1')));
    // Four wrong answers, the fifth locks; the other 95 never reached a password check.
    expect(tally(answers)).toEqual({ 401: 4, 423: 96 });
    expect(answers.filter((a) => a.statusCode === 423).every((a) => a.json().error.code === 'ACCOUNT_LOCKED')).toBe(true);
    expect((await LoginThrottle.findOne({ email: agent.email }).lean())?.failures).toBe(5);
    expect(await AuditLog.countDocuments({ action: 'user.lock', 'entity.id': agent.id })).toBe(1);
    // The right password waits for the lock on that address…
    expect((await login(agent.email, agent.password, '10.1.0.1')).statusCode).toBe(423);
    // …while the owner, elsewhere, signs in: guessing did not lock them out.
    expect((await login(agent.email, agent.password, '10.1.9.9')).statusCode).toBe(200);
  });

  it('answers an unknown e-mail as it answers a known one: four times 401, then 423, in the same words', async () => {
    const agent = await addUser('已知乙');
    const known: LightMyRequestResponse[] = [];
    const unknown: LightMyRequestResponse[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await login(agent.email, `wrong-${i}`, '10.2.0.1'));
      unknown.push(await login('nobody-here@example.com', `wrong-${i}`, '10.2.0.1'));
    }
    const shape = (a: LightMyRequestResponse) => ({ status: a.statusCode, code: a.json().error.code, message: a.json().error.message, details: Object.keys(a.json().error.details ?? {}) });
    expect(known.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(unknown.map(shape)).toEqual(known.map(shape));
    expect(await AuditLog.countDocuments({ action: 'login.lock', 'changes.email': 'nobody-here@example.com' })).toBe(1);
  });

  it('locks for twice as long when the guessing goes on after a lock ran out, and starts afresh after a sign-in', async () => {
    const agent = await addUser('增长丙');
    const fiveWrong = async () => {
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i < 5; i++) last = await login(agent.email, `wrong-${i}`, '10.3.0.1');
      return last!;
    };
    const first = await fiveWrong();
    expect(first.statusCode).toBe(423);
    expect(minutesLocked(first)).toBeGreaterThan(14);
    expect(minutesLocked(first)).toBeLessThanOrEqual(15);
    // The lock ran out (moved into the past rather than waited for).
    const expire = () => LoginThrottle.updateMany({ email: agent.email }, { $set: { lockedUntil: new Date(Date.now() - 1000) } });
    await expire();
    const second = await fiveWrong();
    expect(second.statusCode).toBe(423);
    expect(minutesLocked(second)).toBeGreaterThan(29);
    expect(minutesLocked(second)).toBeLessThanOrEqual(30);
    await expire();
    expect((await login(agent.email, agent.password, '10.3.0.1')).statusCode).toBe(200);
    expect(minutesLocked(await fiveWrong())).toBeLessThanOrEqual(15);
  });

  it('lets an admin lift the locks of an account from every address; agents may not', async () => {
    const agent = await addUser('解锁丁');
    for (const address of ['10.4.0.1', '10.4.0.2']) for (let i = 0; i < 5; i++) await login(agent.email, `wrong-${i}`, address);
    expect((await login(agent.email, agent.password, '10.4.0.1')).statusCode).toBe(423);
    const other = await addUser('旁观戊');
    expect((await asUser(app(), await signIn(app(), other))('POST', `/api/v1/console/users/${agent.id}/unlock`)).statusCode).toBe(403);
    const unlock = await asUser(app(), await signIn(app(), BOSS))('POST', `/api/v1/console/users/${agent.id}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json()).toEqual({ unlocked: 2 });
    expect(await AuditLog.countDocuments({ action: 'user.unlock', 'entity.id': agent.id })).toBe(1);
    expect((await login(agent.email, agent.password, '10.4.0.1')).statusCode).toBe(200);
    expect((await login(agent.email, agent.password, '10.4.0.2')).statusCode).toBe(200);
  });

  it('lifts the locks when an admin resets the password', async () => {
    const agent = await addUser('重置己');
    for (let i = 0; i < 5; i++) await login(agent.email, `wrong-${i}`, '10.5.0.1');
    const reset = await asUser(app(), await signIn(app(), BOSS))('POST', `/api/v1/console/users/${agent.id}/password`, { password: 'fresh-password-7' });
    expect(reset.statusCode).toBe(200);
    expect((await login(agent.email, 'fresh-password-7', '10.5.0.1')).statusCode).toBe(200);
  });
});
