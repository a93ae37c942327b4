import { loadConfig } from '../../../src/config/config';
import { DEFAULT_DIRS } from '../../../src/conversation/bot';
import { bundleOf, contentFromBundle, hashOf, partsOf, readFileBundle } from '../../../src/domain/bot-content/content-bundle';
import { checkBundle } from '../../../src/domain/bot-content/content-check';
import { diffBundles } from '../../../src/domain/bot-content/content-diff';

const config = loadConfig({ COMPANY_PROFILE: 'housekeeping' });
const files = readFileBundle(DEFAULT_DIRS, 'housekeeping');
type Steps = Record<string, Record<string, unknown>>;

describe('a draft is checked as npm run flows:check checks the files', () => {
  it('finds nothing wrong with the files, and keeps them whole through the stored parts', () => {
    const result = checkBundle(config, files);
    expect(result.problems).toEqual([]);
    expect(result.version?.menu.map((m) => m.id)).toEqual(['booking', 'inquiry', 'change-worker', 'complaint']);
    expect(result.testCount).toBeGreaterThan(10);
    expect(hashOf(bundleOf(partsOf(files)))).toBe(hashOf(files));
    // The profile's overlay is laid over the flows' texts; neither it nor the back office's texts are bot wording.
    expect(Object.keys(files.wording)).not.toEqual(expect.arrayContaining(['back-office']));
    expect(Object.keys(files.wording).filter((ns) => ns.startsWith('profile-'))).toEqual([]);
    expect(contentFromBundle(files).resources['zh-CN'].inquiry).toBeDefined();
  });

  it('names the flow, the step and the field of a schema error and of a broken reference', () => {
    const bad = structuredClone(files);
    (bad.flows.booking.steps as Steps)[Object.keys(bad.flows.booking.steps as Steps)[0]].kind = 'shout';
    const [schema] = checkBundle(config, bad).problems;
    expect(schema).toMatchObject({ section: 'flows', name: 'booking', flowId: 'booking', field: 'kind' });
    const ask = structuredClone(files);
    const steps = ask.flows.booking.steps as Steps;
    const asking = Object.entries(steps).find(([, s]) => s.kind === 'ask')![0];
    steps[asking].onGiveUp = 'nowhere';
    expect(checkBundle(config, ask).problems).toEqual([
      { section: 'flows', name: 'booking', flowId: 'booking', stepId: asking, field: 'onGiveUp', message: `booking.yaml flow "booking" step "${asking}": leads to step "nowhere", which does not exist` },
    ]);
  });

  it('reports a text missing in one locale, a catalogue error, and a malformed test file', () => {
    const bad = structuredClone(files);
    delete (bad.wording.booking.en as Record<string, unknown>)[Object.keys(bad.wording.booking.en)[0]];
    const problems = checkBundle(config, bad).problems;
    expect(problems.some((p) => p.section === 'wording' && p.message.startsWith('locales/en: key "booking:'))).toBe(true);
    const shop = structuredClone(files);
    (shop.catalogue.products as { priceFen: number }[])[0].priceFen = -1;
    expect(checkBundle(config, shop).problems[0]).toMatchObject({ section: 'catalogue', message: expect.stringMatching(/^flows\/catalogues\/housekeeping\.yaml: products\.0\.priceFen/) });
    const tests = structuredClone(files);
    tests.tests.complaint = { tests: [{ turns: [] }] };
    expect(checkBundle(config, tests).problems).toEqual([expect.objectContaining({ section: 'tests', name: 'complaint', message: expect.stringContaining('flows/tests/complaint.yaml: tests.0.name') })]);
  });
});

describe('the diff of two bundles', () => {
  it('lists wording text by text and flows as YAML hunks', () => {
    const next = structuredClone(files);
    (next.wording.greeting['zh-TW'] as Record<string, string>).closed = '休息中';
    (next.flows.booking as Record<string, unknown>).triggers = ['約阿姨'];
    const entries = diffBundles(files, next);
    expect(entries).toEqual([
      { section: 'flows', name: 'booking', change: 'changed', lines: expect.arrayContaining(['+  - 約阿姨']) },
      { section: 'wording', name: 'greeting', change: 'changed', texts: [{ key: 'greeting:closed', locale: 'zh-TW', before: files.wording.greeting['zh-TW'].closed, after: '休息中' }] },
    ]);
    expect(diffBundles(files, structuredClone(files))).toEqual([]);
  });
});
