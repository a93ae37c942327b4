import { Types } from 'mongoose';
import type { ChannelId, Locale } from '../../core/message';
import { Customer, type CustomerDoc } from './customer.model';
import { CustomerIdentity, identityKey } from './customer-identity.model';

/**
 * The customer behind a channel identity, created on first contact. The identity row is written
 * first (unique on channel + external id), so two racing first messages create one customer.
 */
export async function identifyCustomer(channel: ChannelId, externalId: string, profile: { displayName?: string; locale?: Locale } = {}): Promise<CustomerDoc> {
  const existing = await CustomerIdentity.findById(identityKey(channel, externalId)).lean();
  if (existing) {
    const customer = await Customer.findById(existing.customer);
    if (customer) return customer;
  }
  const customerId = existing?.customer ?? new Types.ObjectId();
  if (!existing) {
    try {
      await CustomerIdentity.create({ channel, externalId, customer: customerId });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      return identifyCustomer(channel, externalId, profile);
    }
  }
  try {
    return await Customer.create({
      _id: customerId,
      identities: [{ channel, externalId, displayName: profile.displayName?.slice(0, 200) }],
      locale: profile.locale,
      lastSeenAt: new Date(),
    });
  } catch (err) {
    // The same customer's first message arrived twice at once (a platform retry): the other one created it.
    if ((err as { code?: number }).code === 11000) {
      const raced = await Customer.findById(customerId);
      if (raced) return raced;
    }
    // Leave no identity pointing at nothing.
    if (!existing) await CustomerIdentity.deleteOne({ _id: identityKey(channel, externalId), customer: customerId });
    throw err;
  }
}

/** Fills in what the customer told the bot, without overwriting what an agent recorded. */
export async function learnAboutCustomer(customerId: string, facts: { name?: string; phone?: string; locale?: Locale; updatesVia?: 'wechat' | 'sms' }): Promise<void> {
  const customer = await Customer.findById(customerId);
  if (!customer) return;
  if (facts.name && !customer.name) customer.name = facts.name.slice(0, 100);
  if (facts.phone && !customer.phone) customer.phone = facts.phone;
  if (facts.locale) customer.locale = facts.locale;
  if (facts.updatesVia) customer.updatesVia = facts.updatesVia;
  if (customer.isModified()) await customer.save();
}
