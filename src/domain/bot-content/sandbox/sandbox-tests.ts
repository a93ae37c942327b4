import type { Logger } from 'pino';
import type { Config } from '../../../config/config';
import { compileContent, engineSettings } from '../../../conversation/bot';
import { Engine } from '../../../conversation/engine';
import type { BotContent } from '../../../flows/bot-content';
import type { ConversationTest } from '../../../flows/conversation-test-schema';
import { playConversationTest, TEST_CONFIGS, testsOfFile } from './conversation-test-player';
import type { TestFailure, TestsResult } from './sandbox-protocol';

/** Tests played at once: they wait on the database as much as on the CPU. */
const PARALLEL = 3;
const TEST_TIMEOUT_MS = 60_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Plays the conversation tests of the content's company profile against it, with the settings
 * the tests are written for; a malformed test file counts as a failure of that file.
 */
export async function runTests(content: BotContent, files: Record<string, unknown>, log: Logger): Promise<TestsResult> {
  const profile = content.profile.id as keyof typeof TEST_CONFIGS;
  const config: Config = TEST_CONFIGS[profile] ?? TEST_CONFIGS.housekeeping;
  const engine = new Engine(compileContent(config, content), engineSettings(config));
  const failures: TestFailure[] = [];
  const queue: { file: string; test: ConversationTest }[] = [];
  for (const file of Object.keys(files).sort()) {
    try {
      for (const test of testsOfFile(`${file}.yaml`, files[file])) if (test.profile === profile) queue.push({ file, test });
    } catch (err) {
      failures.push({ file, name: '', message: (err as Error).message });
    }
  }
  const total = queue.length;
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const index = next++;
      const { file, test } = queue[index];
      try {
        await withTimeout(playConversationTest(test, index, engine, log), TEST_TIMEOUT_MS, `"${test.name}"`);
      } catch (err) {
        failures.push({ file, name: test.name, message: (err as Error).message.slice(0, 3000) });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  failures.sort((a, b) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name));
  return { total, passed: total - failures.filter((f) => f.name).length, failures };
}
