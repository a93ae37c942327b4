import mongoose from 'mongoose';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { connectMongoose, startDatabaseServer } from '../src/db/database';
import type { RunningServer } from '../src/db/embedded/running-server';
import { Conversation } from '../src/domain/conversation/conversation.model';
import { Message } from '../src/domain/message/message.model';
import type { SentMessage } from './fault-harness';

/** What the fault scripts report about the messages customers sent. */
export interface Verdict {
  sent: number;
  acknowledged: number;
  /** Acknowledged, but not in the database. */
  lost: number;
  /** Stored twice, or with more replies than the customer was given. */
  answeredTwice: number;
  /** Turns still queued, acknowledged messages whose turn never committed, deliveries not settled. */
  leftPending: number;
  /** Acknowledged messages the bot never answered. */
  unanswered: number;
  /** Bot replies not directly after the message they answer, in the transcript. */
  outOfOrder: number;
}

/** Opens a stopped service's embedded database (its H2 files under DATA_DIR) for reading. */
export async function openDataDir(dataDir: string): Promise<RunningServer | undefined> {
  const config = loadConfig({ DATA_DIR: dataDir, EMBEDDED_DB: 'mongo-java-server' });
  // A killed service's database server may still be letting go of the files for a moment.
  for (let attempt = 1; ; attempt++) {
    try {
      const started = await startDatabaseServer(config, pino({ level: 'warn' }));
      await connectMongoose(started.uri);
      return started.server;
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/** Connects to a database server the script runs itself. */
export async function openUri(uri: string): Promise<void> {
  await connectMongoose(uri);
}

/** Checks every message the customers sent against what the database holds. */
export async function verify(messages: SentMessage[]): Promise<Verdict> {
  const verdict: Verdict = { sent: messages.length, acknowledged: 0, lost: 0, answeredTwice: 0, leftPending: 0, unanswered: 0, outOfOrder: 0 };
  const conversations = new Map<string, { pending: unknown[]; turns: { equals(o: unknown): boolean }[] }>();
  for (const c of await Conversation.find({ _id: { $in: [...new Set(messages.map((m) => m.conversationId))] } }, { pending: 1, turns: 1 }).lean()) {
    conversations.set(String(c._id), c as never);
  }
  for (const m of messages) {
    if (!m.acked) continue;
    verdict.acknowledged += 1;
    const stored = await Message.find({ channel: 'web', channelMessageId: `${m.conversationId}:${m.clientMessageId}` }).lean();
    if (stored.length === 0) {
      verdict.lost += 1;
      continue;
    }
    if (stored.length > 1) verdict.answeredTwice += 1;
    const inbound = stored[0];
    const replies = await Message.countDocuments({ replyTo: inbound._id, direction: 'out' });
    if (replies > m.replies) verdict.answeredTwice += 1;
    if (replies === 0) verdict.unanswered += 1;
    const turns = conversations.get(m.conversationId)?.turns ?? [];
    if (!turns.some((id) => id.equals(inbound._id))) verdict.leftPending += 1;
  }
  for (const c of conversations.values()) verdict.leftPending += c.pending.length;
  verdict.leftPending += await Message.countDocuments({ conversation: { $in: [...conversations.keys()] }, 'delivery.state': 'pending' });
  verdict.outOfOrder = await repliesOutOfOrder([...conversations.keys()]);
  return verdict;
}

/** In each transcript, every bot reply must come after its message and before the customer's next. */
async function repliesOutOfOrder(conversationIds: string[]): Promise<number> {
  let wrong = 0;
  for (const id of conversationIds) {
    const transcript = await Message.find({ conversation: id, internal: { $ne: true } }, { direction: 1, replyTo: 1 }).sort({ createdAt: 1, _id: 1 }).lean();
    let lastInbound: string | undefined;
    for (const m of transcript) {
      if (m.direction === 'in') lastInbound = String(m._id);
      else if (m.replyTo && String(m.replyTo) !== lastInbound) wrong += 1;
    }
  }
  return wrong;
}

export async function closeDatabase(server?: RunningServer): Promise<void> {
  await mongoose.disconnect();
  await server?.stop();
}

/** The one-line summary every fault script prints for its messages. */
export function describe(v: Verdict): string {
  return `sent ${v.sent}, acknowledged ${v.acknowledged}; acknowledged lost ${v.lost}, answered twice ${v.answeredTwice}, left pending ${v.leftPending} (unanswered ${v.unanswered}, replies out of order ${v.outOfOrder})`;
}
