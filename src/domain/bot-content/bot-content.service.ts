import type { Logger } from 'pino';
import type { Config } from '../../config/config';
import type { Engine } from '../../conversation/engine';
import type { BotDirs } from '../../flows/bot-content';
import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import type { Author } from './bot-content.model';
import { readFileBundle, type BotBundle, type Section } from './content-bundle';
import { checkBundle, type CheckResult, type Problem } from './content-check';
import { diffBundles, type DiffEntry } from './content-diff';
import { clearDraftIfUnchanged, discardDraft, readDraft, removePart, replaceDraft, savePart, type Draft } from './draft.service';
import { exportBotFile, parseBotFile } from './bot-file';
import { ReleaseWatcher, type Running } from './release-watcher';
import { Sandbox } from './sandbox/sandbox-client';
import type { TryTurnInput, TryTurnResult } from './sandbox/sandbox-protocol';
import { TestRuns, type TestRunView } from './test-runs';
import { createVersion, currentNumber, listVersions, readVersion, versionHash, type VersionMeta } from './version.service';

export interface BotContentDeps {
  config: Config;
  engine: Engine;
  log: Logger;
  dirs: BotDirs;
  /** The service's database server and database: sandboxes use databases of their own beside it. */
  database: { uri: string; name: string };
}

/** The draft's state without its content (what a change answers). */
export interface DraftState {
  base: number;
  current: number;
  rev: number;
  hash: string;
  /** The draft differs from the version it started from. */
  changed: boolean;
  /** Another version was published since the draft started. */
  stale: boolean;
  updatedAt?: Date;
  updatedBy?: { id?: string; name?: string };
  problems: Problem[];
  testCount: number;
  running: Running;
}

const authorOf = (actor: Actor): Author => ({ id: actor.id, name: actor.name ?? 'system' });
const TRY_TIMEOUT_MS = 90_000;
const CHECKS_KEPT = 4;

/**
 * The bot's content as managers edit it (issue 10): a draft per profile, checked as flows:check
 * checks files, tried and tested in a sandbox, published as immutable versions that every
 * instance runs within seconds, rolled back, compared, imported and exported.
 */
export class BotContentService {
  readonly profile: string;
  readonly watcher: ReleaseWatcher;
  readonly runs: TestRuns;
  private readonly chat: Sandbox;
  private readonly checks = new Map<string, CheckResult>();

  constructor(private readonly d: BotContentDeps) {
    this.profile = d.config.COMPANY_PROFILE;
    this.watcher = new ReleaseWatcher({ config: d.config, engine: d.engine, log: d.log, dirs: d.dirs, pollMs: d.config.BOT_CONTENT_POLL_SECONDS * 1000, redisUrl: d.config.REDIS_URL });
    const sandbox = { config: d.config, uri: d.database.uri, log: d.log };
    this.runs = new TestRuns({ ...sandbox, profile: this.profile, dbName: d.database.name });
    this.chat = new Sandbox({ ...sandbox, dbName: `${d.database.name}-bot-sandbox`, idleMs: d.config.BOT_SANDBOX_IDLE_SECONDS * 1000, clean: true });
  }

  start(): Promise<void> {
    return this.watcher.start();
  }

  async stop(): Promise<void> {
    this.watcher.stop();
    await Promise.all([this.chat.stop(), this.runs.stop()]);
  }

  /** The check of a bundle, memoised by fingerprint (a draft is read far more often than changed). */
  check(draft: { bundle: BotBundle; hash: string }): CheckResult {
    let result = this.checks.get(draft.hash);
    if (!result) {
      result = checkBundle(this.d.config, draft.bundle);
      this.checks.set(draft.hash, result);
      for (const old of [...this.checks.keys()].slice(0, Math.max(0, this.checks.size - CHECKS_KEPT))) this.checks.delete(old);
    }
    return result;
  }

  /** The draft with its state; `bundle` is its content. */
  async draft(): Promise<DraftState & { bundle: BotBundle }> {
    const draft = await readDraft(this.profile);
    return { ...(await this.stateOf(draft)), bundle: draft.bundle };
  }

  private async stateOf(draft: Draft): Promise<DraftState> {
    const [current, baseHash] = await Promise.all([currentNumber(this.profile), versionHash(this.profile, draft.base)]);
    const { problems, testCount } = this.check(draft);
    return {
      base: draft.base, current, rev: draft.rev, hash: draft.hash, changed: draft.hash !== baseHash, stale: draft.base !== current,
      updatedAt: draft.updatedAt, updatedBy: draft.updatedBy, problems, testCount, running: this.watcher.running,
    };
  }

  async save(section: Section, name: string | undefined, value: unknown, actor: Actor): Promise<DraftState> {
    await savePart(this.profile, section, name, value, authorOf(actor));
    return this.stateOf(await readDraft(this.profile));
  }

  async remove(section: Section, name: string, actor: Actor): Promise<DraftState> {
    await removePart(this.profile, section, name, authorOf(actor));
    return this.stateOf(await readDraft(this.profile));
  }

  async discard(): Promise<DraftState> {
    await discardDraft(this.profile);
    return this.stateOf(await readDraft(this.profile));
  }

  /** Replaces the draft with an exported file (YAML or JSON) or with flows/ and locales/ as they are now. */
  async import(source: { text: string } | 'files', actor: Actor): Promise<DraftState> {
    const bundle = source === 'files' ? readFileBundle(this.d.dirs, this.profile) : parseBotFile(source.text, this.profile);
    await replaceDraft(this.profile, bundle, authorOf(actor));
    return this.stateOf(await readDraft(this.profile));
  }

  /** The draft or a version as one file to keep, share or import elsewhere. */
  async export(which: number | 'draft', format: 'yaml' | 'json'): Promise<{ filename: string; type: string; body: string }> {
    const bundle = which === 'draft' ? (await readDraft(this.profile)).bundle : (await readVersion(this.profile, which)).bundle;
    return exportBotFile(bundle, this.profile, which === 'draft' ? undefined : which, format);
  }

  /** A draft with problems cannot be tried or tested: the answer names them. */
  private usable(draft: Draft): void {
    const { problems } = this.check(draft);
    if (problems.length) throw new AppError('BOT_CONTENT_INVALID', problems[0].message, { details: { problems } });
  }

  /** Starts the conversation tests against the draft (or answers the run this content already has). */
  async startTests(actor: Actor, again = false): Promise<TestRunView> {
    const draft = await readDraft(this.profile);
    this.usable(draft);
    return this.runs.start(draft.bundle, draft.hash, authorOf(actor), again);
  }

  /** One turn of "test as a customer" on the draft, in the sandbox. */
  async tryTurn(input: TryTurnInput): Promise<TryTurnResult> {
    const draft = await readDraft(this.profile);
    this.usable(draft);
    return this.chat.request<TryTurnResult>({ type: 'try', hash: draft.hash, bundle: draft.bundle, ...input }, TRY_TIMEOUT_MS);
  }

  /**
   * Publishes the draft as a new version, which this instance runs at once and the others within
   * BOT_CONTENT_POLL_SECONDS. Refused while it has problems, and unless its conversation tests
   * passed (a run that failed names the tests and why).
   */
  async publish(note: string, actor: Actor): Promise<VersionMeta> {
    const draft = await readDraft(this.profile);
    if (draft.hash === (await versionHash(this.profile, draft.base))) throw new AppError('BOT_DRAFT_UNCHANGED');
    this.usable(draft);
    const run = await this.runs.latest(draft.hash);
    if (!run || run.status === 'running') throw new AppError('BOT_TESTS_PENDING', undefined, { details: { run } });
    if (run.status !== 'passed') {
      const first = run.failures[0];
      throw new AppError('BOT_TESTS_FAILED', first ? `${first.file}: ${first.name}: ${first.message.split('\n')[0]}` : run.error, { details: { run } });
    }
    const meta = await this.release(draft.bundle, { kind: 'publish', note, author: authorOf(actor) }, actor);
    await clearDraftIfUnchanged(this.profile, draft.rev);
    return meta;
  }

  /** Publishes an earlier version's content again as a new version (history stays as it was). */
  async rollback(number: number, note: string, actor: Actor): Promise<VersionMeta> {
    const { bundle } = await readVersion(this.profile, number);
    if (number === (await currentNumber(this.profile))) throw new AppError('CONFLICT', `version ${number} is the one in use`);
    const meta = await this.release(bundle, { kind: 'rollback', note: note || `rollback to version ${number}`, author: authorOf(actor), restores: number }, actor);
    const draft = await readDraft(this.profile);
    // An untouched draft follows the rollback; one with changes stays for its author to decide.
    if (draft.hash === (await versionHash(this.profile, draft.base))) await discardDraft(this.profile);
    return meta;
  }

  private async release(bundle: BotBundle, v: Parameters<typeof createVersion>[2], actor: Actor): Promise<VersionMeta> {
    const created = await createVersion(this.profile, bundle, v);
    this.watcher.use(created.number, this.watcher.compile(created.bundle));
    await this.watcher.announce(created.number);
    if (created.id) await recordAudit(actor, `bot.${v.kind}`, { type: 'BotContentVersion', id: created.id }, { number: created.number, note: v.note, restores: v.restores });
    return (await readVersion(this.profile, created.number)).meta;
  }

  async versions(): Promise<{ current: number; items: VersionMeta[] }> {
    const [current, items] = await Promise.all([currentNumber(this.profile), listVersions(this.profile)]);
    return { current, items };
  }

  async version(number: number): Promise<{ meta: VersionMeta; bundle: BotBundle }> {
    return readVersion(this.profile, number);
  }

  /** What changed between two versions (or a version and the draft). */
  async diff(from: number | 'draft', to: number | 'draft'): Promise<DiffEntry[]> {
    const bundleOf = async (n: number | 'draft') => (n === 'draft' ? (await readDraft(this.profile)).bundle : (await readVersion(this.profile, n)).bundle);
    const [a, b] = await Promise.all([bundleOf(from), bundleOf(to)]);
    return diffBundles(a, b);
  }
}
