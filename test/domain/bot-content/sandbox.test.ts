import path from 'node:path';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../helpers/database';
import { testLogger } from '../../helpers/logger';
import { loadConfig } from '../../../src/config/config';
import { DEFAULT_DIRS } from '../../../src/conversation/bot';
import { hashOf, readFileBundle } from '../../../src/domain/bot-content/content-bundle';
import { Sandbox } from '../../../src/domain/bot-content/sandbox/sandbox-client';
import type { TestsResult, TryTurnResult } from '../../../src/domain/bot-content/sandbox/sandbox-protocol';
import { Lead } from '../../../src/domain/models';

const uri = useTestDatabase(__filename);
jest.setTimeout(240_000);

describe('the sandbox runs drafts in a database of its own', () => {
  const config = loadConfig({ COMPANY_PROFILE: 'retail', COMPANY_NAME: '贵州飞满天酒业有限公司', BUSINESS_HOURS: 'mon-sun 00:00-24:00' });
  const bundle = readFileBundle(DEFAULT_DIRS, 'retail');
  let sandbox: Sandbox;
  let dbName: string;

  beforeAll(() => {
    dbName = `${mongoose.connection.name}-sandbox`;
    sandbox = new Sandbox({ config, uri: uri(), dbName, log: testLogger });
  });
  afterAll(() => sandbox.stop(true));

  it('greets and walks an order in the draft, showing the step, the values and the intent, and writes nothing here', async () => {
    const started = Date.now();
    const hash = hashOf(bundle);
    const open = await sandbox.request<TryTurnResult>({ type: 'try', hash, bundle, session: 's1', start: true, locale: 'zh-TW' }, 60_000);
    process.stdout.write(`sandbox first answer after ${Date.now() - started} ms\n`);
    expect(open.replies[0].text).toContain('這裡是貴州飛滿天酒業有限公司');
    const order = await sandbox.request<TryTurnResult>({ type: 'try', hash, bundle, session: 's1', text: '我想買兩瓶天朝上品' }, 60_000);
    expect(order.turn).toMatchObject({ flowId: 'order', understood: 'order', values: { sku: 'TCSP-500', quantity: 2 } });
    expect(order.turn?.stepId).toBeDefined();
    expect(await Lead.countDocuments()).toBe(0);
  });

  it('plays the profile’s conversation tests against the content and names the ones that fail', async () => {
    const started = Date.now();
    const result = await sandbox.request<TestsResult>({ type: 'tests', bundle }, 200_000);
    process.stdout.write(`sandbox tests: ${result.passed}/${result.total} in ${Date.now() - started} ms\n`);
    expect(result.failures).toEqual([]);
    expect(result.total).toBeGreaterThan(40);
    const broken = structuredClone(bundle);
    (broken.wording.greeting['zh-TW'] as Record<string, string>).opening = '您好，歡迎光臨。';
    const failed = await sandbox.request<TestsResult>({ type: 'tests', bundle: broken }, 200_000);
    expect(failed.failures.length).toBeGreaterThan(0);
    expect(failed.failures[0]).toMatchObject({ file: expect.any(String), name: expect.any(String), message: expect.stringContaining('這裡是貴州飛滿天酒業有限公司') });
  });
});
void path;
