/**
 * npm run flows:check — validates every flow, the catalogue and intents, that every text a flow
 * uses exists in every locale, that every locale has the same keys, and that the conversation
 * tests are well-formed. Exits 1 with a message naming the file (and flow and step) on error.
 */
import path from 'node:path';
import fs from 'node:fs';
import { parse } from 'yaml';
import { LOCALES } from '../src/core/message';
import { allKeys, readLocaleFiles } from '../src/i18n/i18n';
import { loadFlows } from '../src/flows/flow-loader';
import { Catalogue } from '../src/flows/catalogue';
import { loadIntents } from '../src/conversation/bot';
import { ACTION_NAMES } from '../src/conversation/actions/registry';
import { conversationTestFileSchema } from '../src/flows/conversation-test-schema';

const root = path.resolve(__dirname, '..');
const problems: string[] = [];

function check(label: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    problems.push(`${label}: ${(err as Error).message}`);
  }
}

const resources = readLocaleFiles(path.join(root, 'locales'));
let flowCount = 0;
check('flows', () => {
  flowCount = loadFlows(path.join(root, 'flows'), resources, ACTION_NAMES).flows.size;
});
check('flows/catalogue.yaml', () => Catalogue.load(path.join(root, 'flows', 'catalogue.yaml')));
check('flows/intents.yaml', () => loadIntents(path.join(root, 'flows', 'intents.yaml')));
const keys = Object.fromEntries(LOCALES.map((l) => [l, new Set(allKeys(resources, l))]));
for (const locale of LOCALES) {
  for (const other of LOCALES) {
    for (const key of keys[other]) {
      if (!keys[locale].has(key)) problems.push(`locales/${locale}: key "${key}" exists in ${other} but not here`);
    }
  }
}
const testDir = path.join(root, 'flows', 'tests');
let testCount = 0;
for (const file of fs.readdirSync(testDir).filter((f) => f.endsWith('.yaml'))) {
  check(`flows/tests/${file}`, () => {
    const parsed = conversationTestFileSchema.safeParse(parse(fs.readFileSync(path.join(testDir, file), 'utf8')));
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    testCount += parsed.data.tests.length;
  });
}
const unique = [...new Set(problems)];
if (unique.length) {
  process.stderr.write(`${unique.length} problem(s):\n${unique.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`ok: ${flowCount} flows, ${keys['zh-CN'].size} texts in each of ${LOCALES.join(', ')}, ${testCount} conversation tests\n`);
