import type { Logger } from 'pino';
import { User } from '../domain/user/user.model';
import { createUser } from '../domain/user/user.service';
import { generatePassword } from '../domain/user/password';
import { SYSTEM } from '../domain/audit/audit.service';
import { isDuplicateKey } from '../db/create-once';

const isDuplicate = (err: unknown) => isDuplicateKey(err) || (err as { code?: string }).code === 'DUPLICATE';

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
  try {
    await createUser({ email: opts.email, name: 'Administrator', role: 'admin', password, agentNumber: '100' }, SYSTEM);
  } catch (err) {
    // Two instances starting at once on an empty database: the other one created it.
    if (isDuplicate(err) && (await User.exists({ role: 'admin' }))) return { created: false };
    throw err;
  }
  log.info({ email: opts.email }, 'first admin user created');
  if (!opts.password) {
    print(`\n  First admin created: ${opts.email}\n  Password (shown once, change it after signing in): ${password}\n`);
    return { created: true, generatedPassword: password };
  }
  return { created: true };
}
