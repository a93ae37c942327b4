import fs from 'node:fs';
import type { RunningServer } from '../src/db/embedded/running-server';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__KEFU_TEST_DB__ as { server?: RunningServer; dataDir: string } | undefined;
  if (!state) return;
  await state.server?.stop();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
}
