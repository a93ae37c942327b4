import { useTestDatabase } from '../../helpers/database';
import { testLogger } from '../../helpers/logger';
import { loadConfig } from '../../../src/config/config';
import { DEFAULT_DIRS, loadBot } from '../../../src/conversation/bot';
import { readFileBundle, type BotBundle } from '../../../src/domain/bot-content/content-bundle';
import { assignFlowVersions } from '../../../src/domain/bot-content/flow-versions';
import { createVersion, currentNumber, readVersion } from '../../../src/domain/bot-content/version.service';
import { ReleaseWatcher } from '../../../src/domain/bot-content/release-watcher';
import { BotContentVersion } from '../../../src/domain/models';

useTestDatabase(__filename);

const config = loadConfig({ COMPANY_PROFILE: 'retail' });
const files = readFileBundle(DEFAULT_DIRS, 'retail');
const author = { name: '王经理' };

/** The files with the order flow's quantity step allowing at most `max`. */
function withMax(max: number, from: BotBundle = files): BotBundle {
  const b = structuredClone(from);
  (b.flows.order.steps as Record<string, Record<string, unknown>>).quantity.max = max;
  return b;
}

describe('flow versions: one number, one definition', () => {
  it('keeps the number of an unchanged flow, gives a changed one the next, and an old definition its old number back', () => {
    const first = assignFlowVersions(files, []);
    const v1 = first.fingerprints.find((f) => f.key.startsWith('order@'))!;
    expect(v1.key).toBe('order@1');
    const changed = assignFlowVersions(withMax(50), first.fingerprints);
    expect(changed.bundle.flows.order.version).toBe(2);
    expect(changed.bundle.flows.greeting.version).toBe(files.flows.greeting.version);
    const known = [...first.fingerprints, ...changed.fingerprints];
    // A draft started from version 2 and edited back to the original.
    expect(assignFlowVersions(withMax(999, changed.bundle), known).bundle.flows.order.version).toBe(1);
    // Edited again, differently: a new number, never 2 with another meaning.
    expect(assignFlowVersions(withMax(20, changed.bundle), known).bundle.flows.order.version).toBe(3);
  });
});

describe('published versions in the database', () => {
  it('seeds once however many instances start together, then numbers publishes from 2', async () => {
    const seeds = await Promise.all([1, 2, 3].map(() => createVersion('retail', files, { kind: 'seed', note: 'files', author })));
    expect(seeds.filter((s) => s.created)).toHaveLength(1);
    expect(await BotContentVersion.countDocuments({ profile: 'retail' })).toBe(1);
    expect(await currentNumber('retail')).toBe(1);
    const two = await createVersion('retail', withMax(50), { kind: 'publish', note: 'max 50', author });
    expect(two).toMatchObject({ number: 2, created: true });
    expect(two.bundle.flows.order.version).toBe(2);
    expect(await currentNumber('retail')).toBe(2);
    const { meta } = await readVersion('retail', 2);
    expect(meta).toMatchObject({ kind: 'publish', note: 'max 50', author: { name: '王经理' }, summary: { flows: Object.keys(files.flows).length, products: 3 } });
  });

  it('gives two publishes at the same moment of two different edits different flow numbers', async () => {
    const [a, b] = await Promise.all([
      createVersion('retail', withMax(30), { kind: 'publish', note: 'a', author }),
      createVersion('retail', withMax(40), { kind: 'publish', note: 'b', author }),
    ]);
    expect(new Set([a.bundle.flows.order.version, b.bundle.flows.order.version]).size).toBe(2);
    expect(await currentNumber('retail')).toBe(Math.max(a.number, b.number));
  });

  it('lets a restarted instance find the version a conversation’s flow belongs to', async () => {
    // A fresh engine (the files), then the watcher: it runs the newest version and resolves older flow versions.
    const engine = loadBot(config);
    const watcher = new ReleaseWatcher({ config, engine, log: testLogger, dirs: DEFAULT_DIRS, pollMs: 60_000 });
    await watcher.start();
    watcher.stop();
    const current = engine.bot.runner.get('order')!.version;
    expect(current).toBeGreaterThan(2);
    const older = await engine.versionFor({ flow: { flowId: 'order', version: 2, stepId: 'quantity', values: {}, retries: 0 }, suspended: [] });
    expect(older.runner.get('order')).toMatchObject({ version: 2, steps: { quantity: { max: 50 } } });
    // A flow version no version holds runs on the current one.
    const unknown = await engine.versionFor({ flow: { flowId: 'order', version: 99, stepId: 'quantity', values: {}, retries: 0 }, suspended: [] });
    expect(unknown).toBe(engine.bot);
  });
});
