import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../../config/config';
import { AppError } from '../../errors';
import { BotTestRun, type Author } from './bot-content.model';
import type { BotBundle } from './content-bundle';
import { Sandbox } from './sandbox/sandbox-client';
import type { TestFailure, TestsResult } from './sandbox/sandbox-protocol';

/** A run of the conversation tests as the console shows it. */
export interface TestRunView {
  id: string;
  hash: string;
  status: 'running' | 'passed' | 'failed' | 'error';
  total: number;
  passed: number;
  failures: TestFailure[];
  error?: string;
  startedAt: Date;
  finishedAt?: Date;
}

/** A run still "running" after this long died with its instance: it no longer counts. */
const STALE_MS = 15 * 60_000;
const RUN_TIMEOUT_MS = 10 * 60_000;
const KEEP_MS = 30 * 24 * 3600_000;

type RunRecord = { _id: Types.ObjectId; hash: string; status: TestRunView['status']; total?: number | null; passed?: number | null; failures?: TestFailure[] | null; error?: string | null; startedAt: Date; finishedAt?: Date | null };

function viewOf(r: RunRecord): TestRunView {
  return {
    id: String(r._id), hash: r.hash, status: r.status, total: r.total ?? 0, passed: r.passed ?? 0,
    failures: (r.failures ?? []).map((f) => ({ file: f.file, name: f.name, message: f.message })),
    ...(r.error ? { error: r.error } : {}), startedAt: r.startedAt, ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
  };
}

export interface TestRunsOptions {
  profile: string;
  config: Config;
  uri: string;
  dbName: string;
  log: Logger;
}

/**
 * Conversation test runs against content: each in a sandbox process with a database of its own
 * (made for the run, dropped after), one run at a time on an instance; the result is stored by the
 * content's fingerprint, so any instance can tell whether a draft passed.
 */
/** Runs waiting on one instance at most (each is a process for a minute or so). */
const MAX_QUEUED = 3;

export class TestRuns {
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private readonly running = new Set<Sandbox>();

  constructor(private readonly o: TestRunsOptions) {}

  /** The newest run of this content (a stale "running" one is left out). */
  async latest(hash: string): Promise<TestRunView | undefined> {
    const r = await BotTestRun.findOne({ profile: this.o.profile, hash }).sort({ startedAt: -1 }).lean();
    if (!r || (r.status === 'running' && Date.now() - r.startedAt.getTime() > STALE_MS)) return undefined;
    return viewOf(r as RunRecord);
  }

  async get(id: string): Promise<TestRunView> {
    const r = Types.ObjectId.isValid(id) ? await BotTestRun.findOne({ _id: id, profile: this.o.profile }).lean() : null;
    if (!r) throw new AppError('NOT_FOUND', 'there is no such test run');
    return viewOf(r as RunRecord);
  }

  /**
   * Starts a run of the content's tests, or answers the one it already has: the same content gives
   * the same result (the tests run at fixed clocks). `again` runs them even so.
   */
  async start(bundle: BotBundle, hash: string, by: Author, again = false): Promise<TestRunView> {
    const latest = await this.latest(hash);
    if (latest && (latest.status === 'running' || (!again && latest.status !== 'error'))) return latest;
    if (this.queued >= MAX_QUEUED) throw new AppError('RATE_LIMITED', `${MAX_QUEUED} test runs are waiting already; try again when one is done`);
    // Runs are kept a month: enough to tell which draft passed, not a history to grow forever.
    await BotTestRun.deleteMany({ profile: this.o.profile, startedAt: { $lt: new Date(Date.now() - KEEP_MS) } });
    const run = await BotTestRun.create({ profile: this.o.profile, hash, status: 'running', by, startedAt: new Date() });
    this.queued++;
    this.queue = this.queue.then(() => this.execute(run._id, bundle)).finally(() => this.queued--);
    return viewOf(run.toObject() as RunRecord);
  }

  /** Stops runs in flight (the service is stopping); they are recorded as errors. */
  async stop(): Promise<void> {
    await Promise.all([...this.running].map((s) => s.stop(true)));
  }

  private async execute(id: Types.ObjectId, bundle: BotBundle): Promise<void> {
    const sandbox = new Sandbox({ config: this.o.config, uri: this.o.uri, dbName: `${this.o.dbName}-bt-${randomBytes(3).toString('hex')}`, log: this.o.log });
    this.running.add(sandbox);
    let set: Record<string, unknown>;
    try {
      const result = await sandbox.request<TestsResult>({ type: 'tests', bundle }, RUN_TIMEOUT_MS);
      set = { status: result.failures.length ? 'failed' : 'passed', total: result.total, passed: result.passed, failures: result.failures };
    } catch (err) {
      this.o.log.warn({ err }, 'conversation test run failed to run');
      set = { status: 'error', error: (err as Error).message.slice(0, 4000) };
    } finally {
      this.running.delete(sandbox);
      await sandbox.stop(true).catch(() => undefined);
    }
    await BotTestRun.updateOne({ _id: id }, { $set: { ...set, finishedAt: new Date() } }).catch((err: unknown) => this.o.log.error({ err }, 'could not record a test run'));
  }
}
