import { Types } from 'mongoose';
import type { ChannelId, Locale } from '../../core/message';
import { Customer, type CustomerDoc } from './customer.model';
import { CustomerIdentity, identityKey } from './customer-identity.model';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * The customer behind a channel identity, created on first contact, and marked as seen now. Two
 * atomic upserts, no read-modify-write: the identity (`_id = channel:externalId`) names the
 * customer id once, whoever wins a race of first messages; the customer document is then created
 * or touched by id. Concurrent writers of other customer fields (a turn learning the name) lose
 * nothing, since each writes only its own fields.
 */
export async function identifyCustomer(channel: ChannelId, externalId: string, profile: { displayName?: string; locale?: Locale } = {}, now = new Date()): Promise<CustomerDoc> {
  const key = identityKey(channel, externalId);
  let identity;
  try {
    identity = await CustomerIdentity.findOneAndUpdate(
      { _id: key },
      { $setOnInsert: { channel, externalId, customer: new Types.ObjectId() } },
      { upsert: true, new: true, lean: true },
    );
  } catch (err) {
    // Two first messages at the same moment both inserted: the other one's identity stands.
    if (!isDuplicate(err)) throw err;
    identity = await CustomerIdentity.findById(key).lean();
  }
  if (!identity) throw new Error(`identity ${key} vanished while it was being created`);
  const onInsert: Record<string, unknown> = { identities: [{ channel, externalId, displayName: profile.displayName?.slice(0, 200), firstSeenAt: now }] };
  if (profile.locale) onInsert.locale = profile.locale;
  const upsert = () => Customer.findOneAndUpdate({ _id: identity.customer }, { $set: { lastSeenAt: now }, $setOnInsert: onInsert }, { upsert: true, new: true });
  try {
    return (await upsert())!;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    return (await upsert())!;
  }
}

export interface CustomerFacts {
  name?: string;
  phone?: string;
  locale?: Locale;
  updatesVia?: 'wechat' | 'sms';
}

/**
 * Fills in what the customer told the bot: name and phone only where none is recorded (an agent's
 * entry wins), locale and the updates channel always. Each is one atomic conditional update.
 */
export async function learnAboutCustomer(customerId: string | Types.ObjectId, facts: CustomerFacts): Promise<void> {
  const _id = new Types.ObjectId(String(customerId));
  const always: Record<string, unknown> = {};
  if (facts.locale) always.locale = facts.locale;
  if (facts.updatesVia) always.updatesVia = facts.updatesVia;
  const writes: Promise<unknown>[] = [];
  if (Object.keys(always).length) writes.push(Customer.updateOne({ _id }, { $set: always }, { runValidators: true }));
  if (facts.name) writes.push(Customer.updateOne({ _id, name: { $in: [null, ''] } }, { $set: { name: facts.name.slice(0, 100) } }));
  if (facts.phone) writes.push(Customer.updateOne({ _id, phone: { $in: [null, ''] } }, { $set: { phone: facts.phone } }, { runValidators: true }));
  await Promise.all(writes);
}
