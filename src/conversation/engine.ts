import type { Locale } from '../core/message';
import { isOpen as isOpenAt } from '../core/calendar/business-hours';
import { compose } from '../core/turn/composer';
import type { BotVersion } from '../core/turn/bot-version';
import { TurnContext } from '../core/turn/turn-context';
import type { EngineResult, EngineSettings, EngineTurn } from '../core/turn/types';
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

/**
 * The conversation engine: decides the bot's replies to one customer message (or a proactive
 * start). Channel-agnostic and storage-free; the bot (flows, wording, catalogue, intents, FAQ)
 * is a compiled version that a new published version replaces at runtime.
 */
export class Engine {
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

  /** Switches to a new version (published flows, wording, FAQ); turns already running finish on the old one. */
  publish(version: BotVersion): void {
    this.version = version;
  }

  async turn(turn: EngineTurn): Promise<EngineResult> {
    const ctx = new TurnContext(turn, this.version, this.settings);
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
}
