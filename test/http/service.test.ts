import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { startService, type Service } from '../../src/service';
import { Lead, User, Customer } from '../../src/domain/models';
import { mongodCached } from '../../src/db/embedded/mongod';
import { testLogger } from '../helpers/logger';

/** A whole service on its own embedded server with data in dataDir, as `npm start` runs it. */
function configFor(dataDir: string) {
  const useMongod = !!process.env.MONGOMS_SYSTEM_BINARY || mongodCached();
  return loadConfig({ DATA_DIR: dataDir, EMBEDDED_DB: useMongod ? 'mongod' : 'mongo-java-server', ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'first-admin-password', MONGOMS_SYSTEM_BINARY: process.env.MONGOMS_SYSTEM_BINARY });
}

describe('the service on its embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-service-'));
  let service: Service | undefined;

  afterEach(async () => {
    await service?.close().catch(() => undefined);
    service = undefined;
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('answers /healthz ok, creates the first admin, and documents its routes', async () => {
    service = await startService(configFor(dataDir), testLogger);
    const health = await service.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: { ok: true } });
    const admin = await User.findOne({ role: 'admin' }).lean();
    expect(admin?.email).toBe('boss@example.com');
    const openapi = (await service.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.0.3');
    expect(Object.keys(openapi.paths)).toContain('/healthz');
    const missing = await service.app.inject({ method: 'GET', url: '/no/such/route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('keeps the data written before a restart', async () => {
    service = await startService(configFor(dataDir), testLogger);
    const customer = await Customer.create({ name: '钱先生', gender: 'male' });
    await Lead.create({ customer: customer._id, need: '住家保姆', sourceChannel: 'web' });
    await service.close();
    service = await startService(configFor(dataDir), testLogger);
    expect(await Lead.findOne({ need: '住家保姆' }).lean()).toMatchObject({ sourceChannel: 'web' });
    expect(await User.countDocuments({ role: 'admin' })).toBe(1);
  });

  it('turns /healthz to 503 when the database stops answering', async () => {
    service = await startService(configFor(dataDir), testLogger);
    expect((await service.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await service.database.server?.stop();
    const health = await service.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', database: { ok: false } });
  });
});
