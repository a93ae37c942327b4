import type { Logger } from 'pino';
import { User } from '../domain/user/user.model';
import { createUser } from '../domain/user/user.service';
import { generatePassword } from '../domain/user/password';
import { SYSTEM } from '../domain/audit/audit.service';

/**
 * First run: when no admin exists, create one from ADMIN_EMAIL / ADMIN_PASSWORD, or with a
 * generated password printed once (it is not stored anywhere but as a hash).
 */
export async function ensureFirstAdmin(
  opts: { email: string; password?: string },
  log: Logger,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<{ created: boolean; generatedPassword?: string }> {
  if (await User.exists({ role: 'admin' })) return { created: false };
  const password = opts.password ?? generatePassword();
  await createUser({ email: opts.email, name: 'Administrator', role: 'admin', password, agentNumber: '100' }, SYSTEM);
  log.info({ email: opts.email }, 'first admin user created');
  if (!opts.password) {
    print(`\n  First admin created: ${opts.email}\n  Password (shown once, change it after signing in): ${password}\n`);
    return { created: true, generatedPassword: password };
  }
  return { created: true };
}
