import { randomBytes } from 'node:crypto';
import { Conversation } from '../domain/conversation/conversation.model';

/** This process's id in leases (host-independent; one per service instance). */
export const INSTANCE_ID = `${process.pid}-${randomBytes(4).toString('hex')}`;
const LEASE_MS = 60_000;

/**
 * Takes the conversation's turn lease: only the holder processes its messages, so turns run one at
 * a time and in order across service instances. A lease left by a crashed instance expires.
 */
export async function acquireLease(conversationId: string, attempts = 200): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    const now = new Date();
    const taken = await Conversation.updateOne(
      { _id: conversationId, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }, { leaseOwner: INSTANCE_ID }] },
      { $set: { leaseOwner: INSTANCE_ID, leaseUntil: new Date(now.getTime() + LEASE_MS) } },
    );
    if (taken.matchedCount === 1) return true;
    await new Promise((r) => setTimeout(r, Math.min(50 * (i + 1), 500)));
  }
  return false;
}

export async function releaseLease(conversationId: string): Promise<void> {
  await Conversation.updateOne({ _id: conversationId, leaseOwner: INSTANCE_ID }, { $set: { leaseUntil: null, leaseOwner: null } });
}
