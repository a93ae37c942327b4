/**
 * npm run flows:check — validates every company profile as the service would load it: its flows
 * (steps, gotos, actions, texts in every locale), catalogue, intents, FAQ entries and small talk,
 * the profile's wording overlay; that every locale has the same keys; that the conversation tests
 * and the benchmark's scripted conversations are well-formed. Exits 1 naming the file on error.
 * The console checks a draft with the same code (checkBundle).
 */
import path from 'node:path';
import { LOCALES } from '../src/core/message';
import { allKeys, readLocaleFiles } from '../src/i18n/i18n';
import { loadConfig } from '../src/config/config';
import { PROFILES } from '../src/flows/profile';
import { readFileBundle, readTestFiles } from '../src/domain/bot-content/content-bundle';
import { checkBundle, localeParityProblems, testFileProblems } from '../src/domain/bot-content/content-check';
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
    const result = checkBundle(loadConfig({ COMPANY_PROFILE: profile }), readFileBundle(dirs, profile));
    for (const p of result.problems) problems.push(p.section === 'tests' ? p.message : `profile ${profile}: ${p.message}`);
    const bot = result.version;
    if (bot) summary.push(`${profile}: ${bot.catalogue.products.length} products, ${bot.knowledge.size} FAQ entries, menu ${bot.menu.map((m) => m.id).join('/')}`);
  });
}
// Every file of locales/ (the back office's texts and the profiles' overlays too) has the same keys.
const resources = readLocaleFiles(dirs.localesDir);
problems.push(...localeParityProblems(resources));
const tests = testFileProblems(readTestFiles(path.join(root, 'flows', 'tests')));
problems.push(...tests.problems.map((p) => p.message));
let benchCount = 0;
check('bench/conversations', () => {
  benchCount = readBenchFiles(path.join(root, 'bench', 'conversations')).reduce((n, f) => n + f.conversations.length, 0);
});
const unique = [...new Set(problems)];
if (unique.length) {
  process.stderr.write(`${unique.length} problem(s):\n${unique.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`ok: ${summary.join('; ')}; ${allKeys(resources, 'zh-CN').length} texts in each of ${LOCALES.join(', ')}; ${tests.count} conversation tests; ${benchCount} benchmark conversations\n`);
