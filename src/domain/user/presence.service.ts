import { User } from './user.model';

/** Whether any active agent or manager is online to take a hand-off. */
export async function agentsOnline(): Promise<boolean> {
  return !!(await User.exists({ presence: 'online', active: true, role: { $in: ['agent', 'manager'] } }));
}
