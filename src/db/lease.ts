import { randomBytes } from 'node:crypto';
import type { RoleLeases } from '../channels/channel-adapter';
import { Lease } from './lease.model';
import { isDuplicateKey as isDuplicate } from './create-once';

/** This process's identity as a lease holder (turn leases, outbox claims, channel roles). */
export const INSTANCE_ID = `${process.pid}-${randomBytes(6).toString('hex')}`;

/**
 * Takes or renews the named lease for ttlMs: succeeds when it is free, expired, or already ours.
 * A compare-and-set on the existing lease, or the insert of a new one (its `_id` is the key, so of
 * two instances inserting at once one collides). Not one upsert: with an `$or` in the filter a
 * server need not take the `_id` from it. `force` takes it over from a live holder (the platform
 * moved its one connection to us).
 */
export async function takeLease(key: string, owner: string, ttlMs: number, force = false): Promise<boolean> {
  const now = new Date();
  const set = { owner, until: new Date(now.getTime() + ttlMs) };
  const filter = force ? { _id: key } : { _id: key, $or: [{ owner }, { until: { $lt: now } }] };
  const renewed = await Lease.updateOne(filter, { $set: set });
  if (renewed.matchedCount) return true;
  try {
    await Lease.create({ _id: key, ...set });
    return true;
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

/** Gives the lease up, if it is still ours. */
export async function releaseLease(key: string, owner: string): Promise<void> {
  await Lease.deleteOne({ _id: key, owner });
}

/** Who holds the lease now (undefined when free or expired). */
export async function leaseHolder(key: string): Promise<string | undefined> {
  const lease = await Lease.findById(key).lean();
  return lease && lease.until.getTime() > Date.now() ? lease.owner : undefined;
}

/** This instance's leases, as adapters see them (channel roles). */
export const instanceLeases: RoleLeases = {
  take: (key, ttlMs, force) => takeLease(key, INSTANCE_ID, ttlMs, force),
  release: (key) => releaseLease(key, INSTANCE_ID),
};
