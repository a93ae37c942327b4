import { AppError } from '../../errors';
import { User, type Role, type UserDoc } from './user.model';
import { hashPassword } from './password';
import { recordAudit, type Actor } from '../audit/audit.service';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  agentNumber?: string;
  maxChats?: number;
}

/** Next free agent number, 3 digits from 101 up ("我是101号客服人员"); the bot has BOT_NUMBER. */
async function nextAgentNumber(): Promise<string> {
  const numbers = await User.find({}, { agentNumber: 1 }).lean();
  const used = new Set(numbers.map((u) => u.agentNumber));
  for (let n = 101; ; n++) if (!used.has(String(n))) return String(n);
}

/** Creates a console user; the password is validated, hashed with argon2 and never stored plain. */
export async function createUser(input: NewUser, actor: Actor): Promise<UserDoc> {
  if (typeof input.password !== 'string' || input.password.length < 10) {
    throw new AppError('VALIDATION_FAILED', 'password must be at least 10 characters', { details: [{ field: 'password', message: 'at least 10 characters' }] });
  }
  const user = new User({
    email: input.email,
    name: input.name,
    role: input.role,
    agentNumber: input.agentNumber ?? (await nextAgentNumber()),
    maxChats: input.maxChats,
    passwordHash: 'pending',
  });
  await user.validate();
  user.passwordHash = await hashPassword(input.password);
  await user.save();
  await recordAudit(actor, 'user.create', { type: 'User', id: user._id }, { email: user.email, role: user.role });
  return user;
}
