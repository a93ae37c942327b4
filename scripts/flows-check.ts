/**
 * npm run flows:check — validates every company profile as the service would load it: its flows
 * (steps, gotos, actions, texts in every locale), catalogue, intents, FAQ entries and small talk,
 * the profile's wording overlay; that every locale has the same keys; that the conversation tests
 * and the benchmark's scripted conversations are well-formed. Exits 1 naming the file on error.
 */
import path from 'node:path';
import fs from 'node:fs';
import { parse } from 'yaml';
import { LOCALES } from '../src/core/message';
import { allKeys, readLocaleFiles } from '../src/i18n/i18n';
import { loadConfig } from '../src/config/config';
import { compileContent } from '../src/conversation/bot';
import { readBotContent } from '../src/flows/bot-content';
import { PROFILES } from '../src/flows/profile';
import { conversationTestFileSchema } from '../src/flows/conversation-test-schema';
import { readBenchFiles } from './bench/conversation-script';

const root = path.resolve(__dirname, '..');
const dirs = { flowsDir: path.join(root, 'flows'), localesDir: path.join(root, 'locales') };
const problems: string[] = [];

function check(label: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    problems.push(`${label}: ${(err as Error).message}`);
  }
}

const summary: string[] = [];
for (const profile of PROFILES) {
  check(`profile ${profile}`, () => {
    const bot = compileContent(loadConfig({ COMPANY_PROFILE: profile }), readBotContent(dirs, profile));
    summary.push(`${profile}: ${bot.catalogue.products.length} products, ${bot.knowledge.size} FAQ entries, menu ${bot.menu.map((m) => m.id).join('/')}`);
  });
}
const resources = readLocaleFiles(dirs.localesDir);
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
let benchCount = 0;
check('bench/conversations', () => {
  benchCount = readBenchFiles(path.join(root, 'bench', 'conversations')).reduce((n, f) => n + f.conversations.length, 0);
});
const unique = [...new Set(problems)];
if (unique.length) {
  process.stderr.write(`${unique.length} problem(s):\n${unique.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`ok: ${summary.join('; ')}; ${keys['zh-CN'].size} texts in each of ${LOCALES.join(', ')}; ${testCount} conversation tests; ${benchCount} benchmark conversations\n`);
