import type { Config } from '../../../config/config';
import type { Locale } from '../../../core/message';

/** One turn of "test as a customer": a session's greeting (`start`) or what the customer typed. */
export interface TryTurnInput {
  /** Names the test conversation (the browser makes one per panel, a new one on restart). */
  session: string;
  start?: boolean;
  text?: string;
  choice?: string;
  locale?: Locale;
}

/** What the panel shows after a turn: the replies, and what the turn understood and where the chat is. */
export interface TryTurnResult {
  replies: { text: string; quickReplies?: { label: string; value: string }[] }[];
  turn?: { flowId?: string; stepId?: string; values: Record<string, unknown>; understood?: string; locale: Locale; handoff: boolean };
  status?: string;
}

/** A conversation test that failed: its file, its name and why. */
export interface TestFailure {
  file: string;
  name: string;
  message: string;
}

export interface TestsResult {
  total: number;
  passed: number;
  failures: TestFailure[];
}

/** Messages from the service to its sandbox. */
export type SandboxRequest =
  | { type: 'init'; config: Config; uri: string; dbName: string; clean?: boolean; id?: undefined }
  | { type: 'stop'; drop?: boolean; id?: undefined }
  | { type: 'tests'; id: number; bundle: unknown }
  | ({ type: 'try'; id: number; hash: string; bundle: unknown } & TryTurnInput);

/** Messages from the sandbox back. */
export type SandboxReply = { type: 'ready' } | { type: 'fatal'; error: string } | { type: 'result'; id: number; ok: true; result: unknown } | { type: 'result'; id: number; ok: false; error: string };
