import { useTestDatabase } from '../helpers/database';
import { testLogger } from '../helpers/logger';
import { ensureFirstAdmin } from '../../src/bootstrap/first-admin';
import { User } from '../../src/domain/models';
import { verifyPassword } from '../../src/domain/user/password';

useTestDatabase(__filename);

describe('first-run bootstrap', () => {
  it('creates one admin with a generated password printed once, and never again', async () => {
    const printed: string[] = [];
    const first = await ensureFirstAdmin({ email: 'root@example.com' }, testLogger, (l) => printed.push(l));
    expect(first.created).toBe(true);
    expect(printed.join('\n')).toContain(first.generatedPassword!);
    const admin = await User.findOne({ role: 'admin' }).select('+passwordHash');
    expect(await verifyPassword(admin!.passwordHash, first.generatedPassword!)).toBe(true);

    const second = await ensureFirstAdmin({ email: 'other@example.com' }, testLogger, (l) => printed.push(l));
    expect(second.created).toBe(false);
    expect(printed).toHaveLength(1);
    expect(await User.countDocuments({ role: 'admin' })).toBe(1);
  });
});
