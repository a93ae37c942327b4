import mongoose from 'mongoose';
import { startRedis } from './redis';
import { startServiceProcess, type ServiceProcess } from './service-process';
import { connectMongoose } from '../../src/db/database';
import { configurePii, generatePiiKey } from '../../src/crypto/pii-keys';

/** Two real service processes on one database and one Redis of their own; the test reads the same database. */
export interface TwoInstances {
  a: ServiceProcess;
  b: ServiceProcess;
  /** Stops both services and Redis, and drops the test's database. */
  stop(): Promise<void>;
}

/**
 * Starts Redis and two services with the environment `env` gives each (MONGODB_URI, REDIS_URL and
 * one PII_KEY are set for both: instances on one database share the key of its personal fields,
 * and so does this test, reading them). Connects the test's mongoose to `uri`.
 */
export async function startTwoInstances(uri: string, env: (which: 'a' | 'b') => Record<string, string>): Promise<TwoInstances> {
  const redis = await startRedis();
  const piiKey = generatePiiKey();
  const shared = { MONGODB_URI: uri, REDIS_URL: redis.url, PII_KEY: piiKey };
  const started = await Promise.allSettled([startServiceProcess({ ...shared, ...env('a') }), startServiceProcess({ ...shared, ...env('b') })]);
  const [a, b] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
  const stopServices = () => Promise.all([a?.stop(), b?.stop()]);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed || !a || !b) {
    await stopServices();
    await redis.stop();
    throw failed?.reason ?? new Error('a service did not start');
  }
  configurePii(Buffer.from(piiKey, 'base64'));
  await connectMongoose(uri);
  return {
    a,
    b,
    async stop() {
      await stopServices();
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
      await redis.stop();
    },
  };
}
