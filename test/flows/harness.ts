import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadBot } from '../../src/conversation/bot';
import type { ConversationTest } from '../../src/flows/conversation-test-schema';
import { playConversationTest as play, TEST_CONFIGS, testsOfFile } from '../../src/domain/bot-content/sandbox/conversation-test-player';
import { testLogger } from '../helpers/logger';

/** The liquor company (retail profile) most conversation tests talk to. */
export const TEST_CONFIG = TEST_CONFIGS.retail;

/** Every flows/tests/*.yaml, validated. */
export function readConversationTests(dir: string): { file: string; tests: ConversationTest[] }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, tests: testsOfFile(file, parse(fs.readFileSync(path.join(dir, file), 'utf8'))) }));
}

const engines = new Map<string, ReturnType<typeof loadBot>>();

/**
 * Plays one conversation test against the real service and database with the bot of flows/ and
 * locales/ (the console's sandbox plays the same tests against a draft).
 */
export async function playConversationTest(test: ConversationTest, index: number): Promise<void> {
  const profile = test.profile ?? 'retail';
  if (!engines.has(profile)) engines.set(profile, loadBot(TEST_CONFIGS[profile]));
  await play(test, index, engines.get(profile)!, testLogger);
}
