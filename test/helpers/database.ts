import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { connectMongoose } from '../../src/db/database';

/** URI of a database of its own for the calling test file, on the run's shared server. */
export function testDatabaseUri(label: string): string {
  const base = process.env.TEST_MONGODB_URI;
  if (!base) throw new Error('TEST_MONGODB_URI is not set: run the tests through jest (global setup starts the database)');
  const url = new URL(base);
  const name = `t_${label.replace(/[^a-zA-Z0-9]/g, '_').slice(0, 30)}_${randomBytes(3).toString('hex')}`;
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Connects mongoose to a fresh database for this test file (indexes built) and drops it after.
 * Returns a getter for the URI (agenda and whole-service tests need it).
 */
export function useTestDatabase(testFile: string): () => string {
  let uri = '';
  beforeAll(async () => {
    uri = testDatabaseUri(path.basename(testFile, '.test.ts'));
    await connectMongoose(uri);
  });
  afterAll(async () => {
    if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  });
  return () => uri;
}
