import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../../config/config';
import type { BotVersion } from '../../core/turn/bot-version';
import { compileContent } from '../../conversation/bot';
import type { Engine } from '../../conversation/engine';
import type { BotDirs } from '../../flows/bot-content';
import { SYSTEM } from '../audit/audit.service';
import { contentFromBundle, readFileBundle, type BotBundle } from './content-bundle';
import { createVersion, currentNumber, readVersion, versionHolding } from './version.service';

export interface WatcherOptions {
  config: Config;
  engine: Engine;
  log: Logger;
  dirs: BotDirs;
  pollMs: number;
  redisUrl?: string;
}

/** What this instance runs: the published version's number, or why it could not run it. */
export interface Running {
  number: number;
  error?: string;
}

/**
 * Keeps this instance's engine on the published version: the files seed an empty database as
 * version 1; after that the database wins. Every instance reads the release by _id every few
 * seconds and, with REDIS_URL, hears a publish at once; conversations inside a flow find the
 * version holding their flow version through the engine's resolver.
 */
export class ReleaseWatcher {
  readonly profile: string;
  private applied = 0;
  private failed?: { number: number; error: string };
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private pub?: Redis;
  private sub?: Redis;
  /** A failed read of the release is logged once until one succeeds (the database may be down for a while). */
  private unreadable = false;

  constructor(private readonly o: WatcherOptions) {
    this.profile = o.config.COMPANY_PROFILE;
  }

  get channel(): string {
    return `kefu:bot-release:${this.profile}`;
  }

  get running(): Running {
    return this.failed && this.failed.number >= this.applied ? { number: this.applied, error: this.failed.error } : { number: this.applied };
  }

  /** Seeds an empty database from the files, runs the published version, and starts watching. */
  async start(): Promise<void> {
    if (!(await currentNumber(this.profile))) {
      const { created } = await createVersion(this.profile, readFileBundle(this.o.dirs, this.profile), { kind: 'seed', note: 'flows/ and locales/', author: { name: SYSTEM.name ?? 'system' } });
      if (created) this.o.log.info({ profile: this.profile }, 'bot content seeded from flows/ and locales/ as version 1');
    }
    await this.check();
    this.o.engine.resolveVersionsWith((flowId, flowVersion) => this.holding(flowId, flowVersion));
    this.timer = setInterval(() => void this.check(), this.o.pollMs);
    this.timer.unref();
    if (this.o.redisUrl) {
      this.pub = new Redis(this.o.redisUrl, { maxRetriesPerRequest: 2 });
      this.sub = new Redis(this.o.redisUrl, { maxRetriesPerRequest: 2 });
      for (const r of [this.pub, this.sub]) r.on('error', (err) => this.o.log.warn({ err: err.message }, 'bot release: redis'));
      await this.sub.subscribe(this.channel).catch((err: Error) => this.o.log.warn({ err: err.message }, 'bot release: cannot subscribe; polling only'));
      this.sub.on('message', () => void this.check());
    }
  }

  /** Tells the other instances at once (they would see it at their next poll anyway). */
  async announce(number: number): Promise<void> {
    await this.pub?.publish(this.channel, String(number)).catch((err: Error) => this.o.log.warn({ err: err.message }, 'bot release: announce failed'));
  }

  /** Runs a version compiled here already (the instance that published it). */
  use(number: number, version: BotVersion): void {
    if (number <= this.applied) return;
    this.o.engine.publish(version);
    this.applied = number;
    this.o.log.info({ profile: this.profile, version: number }, 'bot version in use');
  }

  /** Reads the release; a newer version is compiled and run (one check at a time). */
  check(): Promise<void> {
    this.checking ??= this.apply().finally(() => (this.checking = undefined));
    return this.checking;
  }

  stop(): void {
    clearInterval(this.timer);
    this.pub?.disconnect();
    this.sub?.disconnect();
  }

  /** Compiles a bundle for this service (its settings, its language model). */
  compile(bundle: BotBundle): BotVersion {
    return compileContent(this.o.config, contentFromBundle(bundle));
  }

  private async apply(): Promise<void> {
    try {
      const number = await currentNumber(this.profile);
      this.unreadable = false;
      if (number <= this.applied || this.failed?.number === number) return;
      const { bundle } = await readVersion(this.profile, number);
      try {
        this.use(number, this.compile(bundle));
        this.failed = undefined;
      } catch (err) {
        // A version written by another build that this one cannot run: keep running what runs.
        this.failed = { number, error: (err as Error).message };
        this.o.log.error({ err, version: number }, 'the published bot version does not compile here; the previous one keeps running');
      }
    } catch (err) {
      if (!this.unreadable) this.o.log.warn({ err }, 'bot release: check failed');
      this.unreadable = true;
    }
  }

  private async holding(flowId: string, flowVersion: number): Promise<BotVersion | undefined> {
    try {
      const found = await versionHolding(this.profile, flowId, flowVersion);
      return found && this.compile(found.bundle);
    } catch (err) {
      this.o.log.warn({ err, flowId, flowVersion }, 'bot release: no version for a conversation’s flow');
      return undefined;
    }
  }
}
