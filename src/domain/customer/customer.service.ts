import { Types } from 'mongoose';
import { LOCALES, type ChannelId, type Locale } from '../../core/message';
import { AppError } from '../../errors';
import { Customer, UPDATES_VIA, type CustomerRecord } from './customer.model';
import { CustomerIdentity, identityKey } from './customer-identity.model';
import { isDuplicateKey as isDuplicate } from '../../db/create-once';
import { findOneOpen } from '../../crypto/pii.plugin';
import { driverCollection } from '../../db/driver-collection';

/** lastSeenAt is moved forward at most this often (a write per message would cost a commit each). */
const SEEN_RESOLUTION_MS = 60_000;

/**
 * The customer behind a channel identity, created on first contact, and marked as seen. A known
 * customer costs two reads by _id; a new one two atomic upserts, no read-modify-write: the identity
 * (`_id = channel:externalId`) names the customer id once, whoever wins a race of first messages;
 * the customer document is then created by id. Concurrent writers of other customer fields (a turn
 * learning the name) lose nothing, since each writes only its own fields.
 */
export async function identifyCustomer(channel: ChannelId, externalId: string, profile: { displayName?: string; locale?: Locale } = {}, now = new Date()): Promise<CustomerRecord> {
  const key = identityKey(channel, externalId);
  const known = await CustomerIdentity.findById(key).lean();
  const existing = known && (await seenCustomer(known.customer, now));
  if (existing) return existing;
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
  const upsert = () => Customer.findOneAndUpdate({ _id: identity.customer }, { $set: { lastSeenAt: now }, $setOnInsert: onInsert }, { upsert: true, new: true, lean: true });
  try {
    return (await upsert())!;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    return (await upsert())!;
  }
}

/**
 * A known customer by id, marked as seen (lastSeenAt moves at most once a minute: a write per
 * message would cost a commit each). Undefined when there is no such customer.
 */
export async function seenCustomer(id: Types.ObjectId, now = new Date()): Promise<CustomerRecord | undefined> {
  const customer = await findOneOpen<CustomerRecord>(Customer, { _id: id });
  if (!customer) return undefined;
  if (!customer.lastSeenAt || now.getTime() - customer.lastSeenAt.getTime() > SEEN_RESOLUTION_MS) {
    await Customer.updateOne({ _id: customer._id, $or: [{ lastSeenAt: null }, { lastSeenAt: { $lt: now } }] }, { $set: { lastSeenAt: now } });
    customer.lastSeenAt = now;
  }
  return customer;
}

export interface CustomerFacts {
  name?: string;
  phone?: string;
  locale?: Locale;
  updatesVia?: (typeof UPDATES_VIA)[number];
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
  // Neither is personal data (nothing to seal), and the locale is written by turns that changed
  // language: straight to the driver, checked here instead of by mongoose's validators.
  if (facts.locale && !LOCALES.includes(facts.locale)) throw new AppError('VALIDATION_FAILED', `locale must be one of ${LOCALES.join(', ')}`);
  if (facts.updatesVia && !UPDATES_VIA.includes(facts.updatesVia)) throw new AppError('VALIDATION_FAILED', `updatesVia must be one of ${UPDATES_VIA.join(', ')}`);
  if (Object.keys(always).length) writes.push(driverCollection(Customer).updateOne({ _id }, { $set: { ...always, updatedAt: new Date() } }));
  if (facts.name) writes.push(Customer.updateOne({ _id, name: { $in: [null, ''] } }, { $set: { name: facts.name.slice(0, 100) } }));
  if (facts.phone) writes.push(Customer.updateOne({ _id, phone: { $in: [null, ''] } }, { $set: { phone: facts.phone } }, { runValidators: true }));
  await Promise.all(writes);
}
