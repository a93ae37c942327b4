import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { DirectoryEntry, type DirectoryEntryDoc } from './directory.model';
import type { DirectoryKind } from './directory-kinds';

export interface DirectoryInput {
  kind: DirectoryKind;
  name: string;
  phone?: string | null;
  email?: string | null;
  wecomUserId?: string | null;
  store?: string | null;
  user?: string | null;
  active?: boolean;
}

/** Entries of the directory, by kind (active ones unless asked otherwise), by name. */
export async function listDirectory(filter: { kind?: DirectoryKind; includeInactive?: boolean } = {}): Promise<DirectoryEntryDoc[]> {
  const query: Record<string, unknown> = {};
  if (filter.kind) query.kind = filter.kind;
  if (!filter.includeInactive) query.active = true;
  const entries = await DirectoryEntry.find(query).limit(1000);
  return entries.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export async function getDirectoryEntry(id: string | Types.ObjectId): Promise<DirectoryEntryDoc> {
  const entry = await DirectoryEntry.findById(id);
  if (!entry) throw new AppError('NOT_FOUND', 'Directory entry not found');
  return entry;
}

const cleared = (input: Partial<DirectoryInput>) => {
  const set: Record<string, unknown> = {};
  // Lower-cased here: a setter would lower-case the ciphertext (the field is encrypted).
  if (typeof input.email === 'string') input = { ...input, email: input.email.trim().toLowerCase() };
  const unset: Record<string, 1> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (v === null || v === '') unset[k] = 1;
    else set[k] = v;
  }
  return { set, unset };
};

/** Adds a colleague (sales consultant, store manager, general manager). */
export async function createDirectoryEntry(input: DirectoryInput, actor: Actor): Promise<DirectoryEntryDoc> {
  const entry = await DirectoryEntry.create(cleared(input).set);
  await recordAudit(actor, 'directory.create', { type: 'DirectoryEntry', id: entry._id }, { kind: entry.kind });
  return entry;
}

/** Changes an entry; null or '' clears a field; active=false retires it (kept for the records that name it). */
export async function updateDirectoryEntry(id: string, input: Partial<DirectoryInput>, actor: Actor): Promise<DirectoryEntryDoc> {
  const entry = await getDirectoryEntry(id);
  const { set, unset } = cleared(input);
  entry.set(set);
  for (const k of Object.keys(unset)) entry.set(k, undefined);
  await entry.save();
  await recordAudit(actor, 'directory.update', { type: 'DirectoryEntry', id: entry._id }, { fields: Object.keys(input) });
  return entry;
}

/**
 * Whether a console user signs as the general manager: linked to an active `general_manager`
 * entry. While no general manager is in the directory, admins sign in that place.
 */
export async function isGeneralManager(user: { _id: Types.ObjectId; role: string }): Promise<boolean> {
  const gms = await DirectoryEntry.find({ kind: 'general_manager', active: true }, { user: 1 }).lean();
  if (!gms.length) return user.role === 'admin';
  return gms.some((g) => g.user && String(g.user) === String(user._id));
}

/** The active store managers of a store (renewal notices go to them). */
export function storeManagers(store: string | undefined | null): Promise<DirectoryEntryDoc[]> {
  if (!store) return Promise.resolve([]);
  return DirectoryEntry.find({ kind: 'store_manager', store, active: true });
}
