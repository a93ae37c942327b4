import type { Types } from 'mongoose';
import { Customer } from '../../domain/customer/customer.model';
import { User } from '../../domain/user/user.model';
import { Staff } from '../../domain/staff/staff.model';
import { DirectoryEntry } from '../../domain/directory/directory.model';

type Id = Types.ObjectId | string | null | undefined;
const ids = (list: Id[]) => [...new Set(list.filter((x): x is Types.ObjectId | string => !!x).map(String))];

/**
 * The names shown beside records (customers, console users, workers, colleagues), read in one
 * query per kind for a whole page of records; personal fields come back decrypted.
 */
export class Names {
  private constructor(
    private readonly customers: Map<string, { name?: string; phone?: string }>,
    private readonly users: Map<string, string>,
    private readonly staff: Map<string, string>,
    private readonly directory: Map<string, string>,
  ) {}

  static async load(want: { customers?: Id[]; users?: Id[]; staff?: Id[]; directory?: Id[] }): Promise<Names> {
    const [c, u, s, d] = [ids(want.customers ?? []), ids(want.users ?? []), ids(want.staff ?? []), ids(want.directory ?? [])];
    const [customers, users, staff, directory] = await Promise.all([
      c.length ? Customer.find({ _id: { $in: c } }, { name: 1, phone: 1 }).lean() : [],
      u.length ? User.find({ _id: { $in: u } }, { name: 1, agentNumber: 1 }).lean() : [],
      s.length ? Staff.find({ _id: { $in: s } }, { name: 1 }).lean() : [],
      d.length ? DirectoryEntry.find({ _id: { $in: d } }, { name: 1 }).lean() : [],
    ]);
    return new Names(
      new Map(customers.map((x) => [String(x._id), { name: x.name ?? undefined, phone: x.phone ?? undefined }])),
      new Map(users.map((x) => [String(x._id), `${x.name} · ${x.agentNumber}`])),
      new Map(staff.map((x) => [String(x._id), x.name])),
      new Map(directory.map((x) => [String(x._id), x.name])),
    );
  }

  customer(id: Id): { id: string; name?: string; phone?: string } {
    const c = this.customers.get(String(id));
    return { id: String(id), ...(c?.name ? { name: c.name } : {}), ...(c?.phone ? { phone: c.phone } : {}) };
  }

  private ref(map: Map<string, string>, id: Id): { id: string; name: string } | undefined {
    return id ? { id: String(id), name: map.get(String(id)) ?? String(id) } : undefined;
  }

  user(id: Id) {
    return this.ref(this.users, id);
  }

  worker(id: Id) {
    return this.ref(this.staff, id);
  }

  colleague(id: Id) {
    return this.ref(this.directory, id);
  }
}

/** ISO text of a date, or nothing. */
export const iso = (d: Date | null | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);
/** A defined, non-empty string, or nothing (answers leave out what is not there). */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A stored history line as the contract shows it. */
export function historyView(h: { from?: string | null; to: string; at: Date; by?: Types.ObjectId | null; note?: string | null }[] | undefined, names: Names) {
  return (h ?? []).map((x) => ({ ...(x.from ? { from: x.from } : {}), to: x.to, at: x.at.toISOString(), ...(x.by ? { by: names.user(x.by)?.name } : {}), ...(x.note ? { note: x.note } : {}) }));
}

/** A signature subdocument as the contract shows it. */
export function signatureView(s: { by?: Types.ObjectId | null; name?: string | null; at?: Date | null } | null | undefined) {
  if (!s?.at) return undefined;
  return { ...(s.by ? { by: String(s.by) } : {}), ...(s.name ? { name: s.name } : {}), at: s.at.toISOString() };
}
