/**
 * Telling a database that is away from a request that is wrong. Matched by name, not instanceof:
 * mongoose and the driver may each carry their own copy of the error classes.
 */
const UNAVAILABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
  'MongoClientClosedError',
  'MongoOperationTimeoutError',
]);

/** Server codes of a replica set in transition or a server going down (no primary, stepping down…). */
const UNAVAILABLE_CODES = new Set([91, 189, 10107, 11600, 11602, 13435, 13436]);

/** mongoose's own words when it waited for a connection that did not come back. */
const BUFFERING = /buffering timed out|connection .* closed|client was closed|topology was destroyed/i;

interface MaybeMongoError {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  reason?: unknown;
}

/** Whether an error (or what it wraps) means the database cannot be reached: 503, not 500. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as MaybeMongoError;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (typeof e.name === 'string' && e.name.startsWith('Mongo') && typeof e.code === 'number' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (e.name === 'MongooseError' && typeof e.message === 'string' && BUFFERING.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.reason, depth + 1);
}

/** Seconds a client is told to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
