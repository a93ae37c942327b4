/**
 * The sandbox: a child process of the service with a database of its own (never the customers'),
 * where drafts run. It plays the conversation tests against a draft and answers the console's
 * "test as a customer" chat through the real service path (ConversationService, flows, actions),
 * so orders, leads and complaints a test makes land here and nowhere else.
 */
import mongoose from 'mongoose';
import pino from 'pino';
import '../../models';
import type { Config } from '../../../config/config';
import { piiKeysFromConfig } from '../../../crypto/pii-keys';
import { warmUpSegmenter } from '../../../knowledge/segmenter';
import { contentFromBundle, type BotBundle } from '../content-bundle';
import { runTests } from './sandbox-tests';
import { tryTurn, type TryRequest } from './sandbox-chat';
import type { SandboxReply, SandboxRequest } from './sandbox-protocol';

const log = pino({ level: process.env.SANDBOX_LOG_LEVEL ?? 'warn' }, pino.destination(2));
let config: Config | undefined;

const send = (msg: SandboxReply) => process.send?.(msg);

/** Test chats older than this are removed when a sandbox starts (its database is kept between starts). */
const KEEP_MS = 24 * 3600_000;

async function init(c: Config, uri: string, dbName: string, clean: boolean): Promise<void> {
  config = c;
  // The sandbox's records are sealed with the service's key, as the customers' would be.
  piiKeysFromConfig(c);
  warmUpSegmenter();
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 5000, autoIndex: false });
  await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
  if (clean) {
    const before = new Date(Date.now() - KEEP_MS);
    await Promise.all(Object.values(mongoose.models).map((m) => m.deleteMany({ createdAt: { $lt: before } })));
  }
}

async function answer(msg: SandboxRequest): Promise<unknown> {
  if (!config) throw new Error('the sandbox was not initialised');
  switch (msg.type) {
    case 'tests':
      return runTests(contentFromBundle(msg.bundle as BotBundle), (msg.bundle as BotBundle).tests, log);
    case 'try':
      return tryTurn(config, msg as TryRequest, log);
    default:
      throw new Error(`unknown request ${(msg as { type: string }).type}`);
  }
}

process.on('message', (raw) => {
  const msg = raw as SandboxRequest;
  if (msg.type === 'init') {
    init(msg.config, msg.uri, msg.dbName, !!msg.clean).then(
      () => send({ type: 'ready' }),
      (err: Error) => send({ type: 'fatal', error: err.message }),
    );
    return;
  }
  if (msg.type === 'stop') {
    const drop = msg.drop && mongoose.connection.readyState === 1 ? mongoose.connection.dropDatabase() : Promise.resolve();
    void drop.catch(() => undefined).then(() => mongoose.disconnect()).finally(() => process.exit(0));
    return;
  }
  answer(msg).then(
    (result) => send({ type: 'result', id: msg.id, ok: true, result }),
    (err: Error) => send({ type: 'result', id: msg.id, ok: false, error: err.message }),
  );
});
// The service went away: so does its sandbox.
process.on('disconnect', () => process.exit(0));
