import { testServiceConfig } from '../../helpers/service-config';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { startService, type Service } from '../../../src/service';
import { buildWebOnce } from './web-build';
import { testLogger } from '../../helpers/logger';

/** The whole service listening on 127.0.0.1 at a random port, on a fresh database of the test run. */
export interface LiveService {
  service: Service;
  baseUrl: string;
  close(): Promise<void>;
}

/** Builds the web bundles, starts the service (as `npm start` does) and listens on a free port. */
export async function startLiveService(label: string, env: Record<string, string> = {}): Promise<LiveService> {
  await buildWebOnce();
  const config = testServiceConfig(label, { HOST: '127.0.0.1', PORT: '0', COMPANY_NAME: '安心家政', ...env });
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
      service.app.server.closeAllConnections();
      await service.close();
    },
  };
}
