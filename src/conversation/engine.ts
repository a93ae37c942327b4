import type { Locale } from '../core/message';
import { isOpen as isOpenAt } from '../core/calendar/business-hours';
import { compose } from '../core/turn/composer';
import type { BotVersion } from '../core/turn/bot-version';
import { TurnContext } from '../core/turn/turn-context';
import type { ConversationView, EngineResult, EngineSettings, EngineTurn } from '../core/turn/types';
import type { FlowState } from '../flows/flow-runtime';
import { proactive } from '../core/turn/middleware/proactive';
import { liveChat } from '../core/turn/middleware/live-chat';
import { locale } from '../core/turn/middleware/locale';
import { offeredOptions } from '../core/turn/middleware/offered-options';
import { understand } from '../core/turn/middleware/understand';
import { greeting } from '../core/turn/middleware/greeting';
import { globalIntents } from '../core/turn/middleware/global-intents';
import { flows } from '../core/turn/middleware/flows';
import { knowledge } from '../core/turn/middleware/knowledge';
import { fallback } from '../core/turn/middleware/fallback';
import { surnameOf } from '../core/text/surname';
import type { FlowRunner } from '../flows/runner';

export type { ConversationView, EngineResult, EngineSettings, EngineTurn } from '../core/turn/types';

/**
 * The turn, in order: the language; a proactive start; silence while a human has the chat; a
 * typed option of the question being asked; what the message means; the greeting; global
 * intents; starting or continuing a flow; the knowledge base and small talk; the fallback.
 */
const pipeline = compose<TurnContext>([locale, proactive, liveChat, offeredOptions, understand, greeting, globalIntents, flows, knowledge, fallback]);

/** Finds the published version that holds a flow version (a conversation started before a publish). */
export type VersionResolver = (flowId: string, flowVersion: number) => Promise<BotVersion | undefined>;

/** Earlier versions kept compiled for conversations still in them (the resolver brings back older ones). */
const RETAINED = 8;

const holds = (bot: BotVersion, frame: FlowState) => bot.runner.get(frame.flowId)?.version === frame.version;

/**
 * The conversation engine: decides the bot's replies to one customer message (or a proactive
 * start). Channel-agnostic and storage-free; the bot (flows, wording, catalogue, intents, FAQ)
 * is a compiled version that a new published version replaces at runtime.
 */
export class Engine {
  private retained: BotVersion[] = [];
  /** Flow versions no published version holds (since the last publish): not looked up again. */
  private readonly misses = new Set<string>();
  private resolver?: VersionResolver;

  constructor(
    private version: BotVersion,
    private readonly settings: EngineSettings,
  ) {}

  get runner(): FlowRunner {
    return this.version.runner;
  }

  /** The bot this engine runs (profile, catalogue, knowledge base…). */
  get bot(): BotVersion {
    return this.version;
  }

  /**
   * Switches to a new version (published flows, wording, FAQ) for new conversations; turns already
   * running finish on the old one, and conversations inside a flow keep the flow version they are
   * in (versionFor).
   */
  publish(version: BotVersion): void {
    if (version === this.version) return;
    this.keep(this.version);
    this.version = version;
    this.misses.clear();
  }

  /** Where versions no longer kept in memory come from (the published versions in the database). */
  resolveVersionsWith(resolver: VersionResolver): void {
    this.resolver = resolver;
  }

  /**
   * The version a conversation's turn runs on: the current one, unless the flow it is in (or the
   * one it will resume) is a flow version the current one no longer holds; then the version that
   * holds it, so a published edit never moves anyone inside a flow. Looked up once per flow version.
   */
  async versionFor(conversation: Pick<ConversationView, 'flow' | 'suspended'>): Promise<BotVersion> {
    const current = this.version;
    const frame = conversation.flow ?? conversation.suspended.at(-1);
    if (!frame?.flowId || holds(current, frame)) return current;
    const kept = this.retained.find((v) => holds(v, frame));
    if (kept) return kept;
    const key = `${frame.flowId}@${frame.version}`;
    if (!this.resolver || this.misses.has(key)) return current;
    const found = await this.resolver(frame.flowId, frame.version);
    if (!found || !holds(found, frame)) {
      this.misses.add(key);
      return current;
    }
    this.keep(found);
    return found;
  }

  async turn(turn: EngineTurn): Promise<EngineResult> {
    const ctx = new TurnContext(turn, await this.versionFor(turn.conversation), this.settings);
    await pipeline(ctx);
    return ctx.result;
  }

  /** Wording for texts the service sends outside a turn (live chat, canned replies). */
  translator(locale: Locale | undefined): (key: string, values?: Record<string, unknown>) => string {
    const t = this.version.i18n.getFixedT(locale ?? this.settings.defaultLocale);
    return (key, values) => t(key, values ?? {}) as string;
  }

  /** The company's name in the opening line, in the customer's language. */
  company(locale: Locale | undefined): string {
    const l = locale ?? this.settings.defaultLocale;
    return this.settings.companyName?.[l] ?? this.version.profile.company[l];
  }

  /** "张先生，" / "先生，" when the gender is known, "" (a neutral 您好 follows) when not. */
  salutation(customer: { name?: string; gender?: string }, locale: Locale): string {
    const gender = customer.gender && customer.gender !== 'unknown' ? customer.gender : undefined;
    const surname = surnameOf(customer.name, locale) ?? '';
    return this.version.i18n.getFixedT(locale)('common:salutation', { surname, context: gender === undefined ? undefined : surname ? gender : `${gender}_anon` }) as string;
  }

  /** The localised apology the turn-error handler sends when a turn fails. */
  apology(locale: Locale | undefined): string {
    return this.version.i18n.getFixedT(locale ?? this.settings.defaultLocale)('common:apology') as string;
  }

  isOpen(now: Date): boolean {
    return isOpenAt(this.settings.businessHours, now, this.settings.timeZone);
  }

  private keep(version: BotVersion): void {
    this.retained = [version, ...this.retained.filter((v) => v !== version)].slice(0, RETAINED);
  }
}
