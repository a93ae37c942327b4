import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { loadConfig } from '../../../src/config/config';
import { startService, type Service } from '../../../src/service';
import { buildWeb } from '../../../scripts/build-web';
import { testDatabaseUri } from '../../helpers/database';
import { testLogger } from '../../helpers/logger';

/** The whole service listening on 127.0.0.1 at a random port, on a fresh database of the test run. */
export interface LiveService {
  service: Service;
  baseUrl: string;
  close(): Promise<void>;
}

/** Builds the web bundles, starts the service (as `npm start` does) and listens on a free port. */
export async function startLiveService(label: string, env: Record<string, string> = {}): Promise<LiveService> {
  await buildWeb();
  const config = loadConfig({
    MONGODB_URI: testDatabaseUri(label),
    HOST: '127.0.0.1',
    PORT: '0',
    ADMIN_EMAIL: 'boss@example.com',
    ADMIN_PASSWORD: 'first-admin-password',
    COMPANY_NAME: '安心家政',
    // Always open, so a hand-off reaches the agents whatever time the test runs.
    BUSINESS_HOURS: 'mon-sun 00:00-24:00',
    ...env,
  });
  const service = await startService(config, testLogger);
  await service.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = service.app.server.address() as AddressInfo;
  return {
    service,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await mongoose.connection.dropDatabase().catch(() => undefined);
      // The browsers are gone, but a connection Chromium's offline emulation left half-open can
      // hold app.close() until engine.io's ping timeout (~45 s): end them all first.
      await service.close();
    },
  };
}
