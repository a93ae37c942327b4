/**
 * npm run user -- <command> [options]  — console users from the terminal (the first setup, a
 * forgotten admin password). Works on the configured database (MONGODB_URI, or the embedded one in
 * DATA_DIR: stop `npm start` first, the embedded server's files are its own).
 *
 *   create --email a@b.c --name 王小明 [--role agent|manager|admin] [--number 102] [--password …]
 *          [--max-chats 5] [--skills 订单,投诉] [--groups 白班] [--locale zh-CN|zh-TW|en]
 *   reset-password --email a@b.c [--password …]      (generated and printed once when left out)
 *   disable --email a@b.c        enable --email a@b.c        list
 *
 * Each change is in the audit log, by "cli".
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { openDatabase } from '../src/db/database';
import { userCreateBody } from '../src/http/contract';
import { generatePassword } from '../src/domain/user/password';
import { createUser, findUserByEmail, listUsers, resetPassword, updateUser } from '../src/domain/user/user.service';
import type { Actor } from '../src/domain/audit/audit.service';
import { errorResponse } from '../src/http/error-handler';

const CLI: Actor = { type: 'system', name: 'cli' };
const USAGE = 'usage: npm run user -- create|reset-password|disable|enable|list [--email …] (see scripts/user.ts)';

/** The options of a command line, checked against the same schema the HTTP API uses. */
function createInput(v: Record<string, string | undefined>): z.output<typeof userCreateBody> {
  const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
  const raw = {
    email: v.email,
    name: v.name,
    role: v.role ?? 'agent',
    ...(v.number ? { agentNumber: v.number } : {}),
    ...(v.password ? { password: v.password } : {}),
    ...(v['max-chats'] ? { maxChats: Number(v['max-chats']) } : {}),
    ...(v.skills ? { skills: list(v.skills) } : {}),
    ...(v.groups ? { groups: list(v.groups) } : {}),
    ...(v.locale ? { locale: v.locale } : {}),
  };
  const parsed = userCreateBody.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${String(i.path[0] ?? '?')}: ${i.message}`).join('\n'));
  return parsed.data;
}

async function byEmail(email: string | undefined) {
  if (!email) throw new Error('--email is required');
  const user = await findUserByEmail(email);
  if (!user) throw new Error(`no user with e-mail ${email}`);
  return user;
}

async function run(command: string, v: Record<string, string | undefined>, print: (line: string) => void): Promise<void> {
  if (command === 'create') {
    const input = createInput(v);
    const password = input.password ?? generatePassword();
    const user = await createUser({ ...input, password }, CLI);
    print(`created ${user.role} ${user.name} <${user.email}>, agent number ${user.agentNumber}`);
    if (!input.password) print(`password (shown once): ${password}`);
  } else if (command === 'reset-password') {
    const result = await resetPassword(String((await byEmail(v.email))._id), v.password, CLI);
    print(`password of ${result.user.email} reset; ${result.endedSessions.length} session(s) ended`);
    if (result.password) print(`password (shown once): ${result.password}`);
  } else if (command === 'disable' || command === 'enable') {
    const { user } = await updateUser(String((await byEmail(v.email))._id), { active: command === 'enable' }, CLI);
    print(`${user.email} is ${user.active ? 'enabled' : 'disabled'}`);
  } else if (command === 'list') {
    for (const u of await listUsers(true)) print(`${u.agentNumber}\t${u.role}\t${u.active ? 'active' : 'disabled'}\t${u.name} <${u.email}>`);
  } else throw new Error(USAGE);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(['email', 'name', 'role', 'number', 'password', 'max-chats', 'skills', 'groups', 'locale'].map((o) => [o, { type: 'string' as const }])),
  });
  const command = positionals[0];
  if (!command) throw new Error(USAGE);
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = await openDatabase(config, createLogger(config));
  try {
    await run(command, values as Record<string, string | undefined>, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    // The catalogue's wording (duplicate e-mail, bad field) as the API would answer it.
    const known = err instanceof Error ? errorResponse(err) : undefined;
    process.stderr.write(`${known?.body.error.message ?? (err instanceof Error ? err.message : String(err))}\n`);
    process.exit(1);
  });
}

export { run as runUserCommand };
