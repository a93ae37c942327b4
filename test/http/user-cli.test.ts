import { useTestDatabase } from '../helpers/database';
import { runUserCommand } from '../../scripts/user';
import { AuditLog, User } from '../../src/domain/models';
import { verifyPassword } from '../../src/domain/user/password';

useTestDatabase(__filename);

/** Runs `npm run user -- <command>` in-process and returns what it printed. */
async function cli(command: string, options: Record<string, string>): Promise<string[]> {
  const lines: string[] = [];
  await runUserCommand(command, options, (line) => lines.push(line));
  return lines;
}

describe('npm run user -- create | reset-password | disable | enable | list', () => {
  it('creates the first agent with a generated password printed once, audited as the cli', async () => {
    const out = await cli('create', { email: 'first@example.com', name: '王一', role: 'manager', skills: '订单,投诉', 'max-chats': '4' });
    const password = out.find((l) => l.startsWith('password'))!.split(': ')[1];
    const user = await User.findOne({ email: 'first@example.com' }).select('+passwordHash').lean();
    expect(user).toMatchObject({ role: 'manager', maxChats: 4, skills: ['订单', '投诉'], agentNumber: '101' });
    expect(await verifyPassword(user!.passwordHash, password)).toBe(true);
    expect(await AuditLog.findOne({ action: 'user.create' }).lean()).toMatchObject({ actor: { type: 'system', name: 'cli' } });
  });

  it('names the option at fault', async () => {
    await expect(cli('create', { email: 'not-mail', name: 'x' })).rejects.toThrow(/--email/);
    await expect(cli('create', { email: 'x@example.com', name: 'x', role: 'owner' })).rejects.toThrow(/--role/);
    await expect(cli('create', { email: 'x@example.com', name: 'x', 'max-chats': 'lots' })).rejects.toThrow(/--maxChats/);
    await expect(cli('reset-password', {})).rejects.toThrow(/--email is required/);
    await expect(cli('frobnicate', {})).rejects.toThrow(/usage/);
  });

  it('resets a forgotten password and disables and enables a user', async () => {
    const out = await cli('reset-password', { email: 'first@example.com', password: 'chosen-by-admin-1' });
    expect(out[0]).toMatch(/reset/);
    const user = await User.findOne({ email: 'first@example.com' }).select('+passwordHash').lean();
    expect(await verifyPassword(user!.passwordHash, 'chosen-by-admin-1')).toBe(true);
    expect(await cli('disable', { email: 'first@example.com' })).toEqual(['first@example.com is disabled']);
    expect((await User.findOne({ email: 'first@example.com' }).lean())?.active).toBe(false);
    await cli('enable', { email: 'first@example.com' });
    expect((await cli('list', {}))[0]).toMatch(/^101\tmanager\tactive\t王一/);
  });
});
