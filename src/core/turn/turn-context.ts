import type { TFunction } from 'i18next';
import type { Locale, OutboundMessage, QuickReply } from '../message';
import { formatBusinessHours } from '../calendar/describe-hours';
import { surnameOf } from '../text/surname';
import { derivedId } from '../record-id';
import type { FlowRuntime, FlowState, TurnInput } from '../../flows/flow-runtime';
import type { Recognition } from '../intents/intent-recognizer';
import type { KnowledgeMatch } from '../../knowledge/knowledge-base';
import type { SmallTalkMatch } from '../../knowledge/small-talk';
import type { BotVersion } from './bot-version';
import type { EngineResult, EngineSettings, EngineTurn } from './types';

type Statics = { t: TFunction; fixed: Record<string, string>; menu?: QuickReply[]; salutations: Map<string, string> };
const STATICS = new WeakMap<BotVersion, Map<Locale, Statics>>();

/** Per version and locale, once: the translator and the texts that do not change per turn. */
function statics(bot: BotVersion, settings: EngineSettings, locale: Locale): Statics {
  let byLocale = STATICS.get(bot);
  if (!byLocale) STATICS.set(bot, (byLocale = new Map()));
  let s = byLocale.get(locale);
  if (!s) {
    // The instance's t with the language in the options, not getFixedT's translator: that one
    // copies all of i18next's options into a new object on every call (a third of the engine's
    // translation time on the message path).
    const t = ((key: string, options?: Record<string, unknown>) => bot.i18n.t(key, { ...options, lng: (options?.lng as string | undefined) ?? locale })) as TFunction;
    s = {
      t,
      salutations: new Map(),
      fixed: {
        botNumber: settings.botNumber,
        businessHours: formatBusinessHours(settings.businessHours, (key, v) => t(key, v) as string),
        priceList: bot.catalogue.products.map((p) => t('common:price_line', { product: p.name[locale], price: (p.priceFen / 100).toFixed(0), unit: p.unit[locale] }) as string).join(locale === 'en' ? '; ' : '；'),
      },
    };
    byLocale.set(locale, s);
  }
  return s;
}

/** How the bot addresses a customer ("王先生", "您"), translated once per surname and context. */
function salutation(s: Statics, surname: string, context: string | undefined): string {
  const key = `${surname}\u0000${context ?? ''}`;
  let text = s.salutations.get(key);
  if (text === undefined) {
    text = s.t('common:salutation', { surname, context }) as string;
    // Bounded: one entry per surname and context met since the version was loaded.
    if (s.salutations.size >= 2000) s.salutations.clear();
    s.salutations.set(key, text);
  }
  return text;
}

/**
 * One turn as it passes through the pipeline: the input, what was understood of it, the
 * replies so far and the result the turn will return. Middleware read and fill it.
 */
export class TurnContext {
  readonly out: OutboundMessage[] = [];
  readonly result: EngineResult;
  locale: Locale;
  input: TurnInput;
  /** The runtime of the flow the conversation is in (a copy of its state), or of no flow. */
  rt!: FlowRuntime;
  recognition?: Recognition;
  /** Whether the waiting question takes this input as its answer. */
  answering = false;
  smallTalk?: SmallTalkMatch;
  /** The text left for understanding after a leading greeting ("你好，请问包邮吗" → "请问包邮吗"). */
  text: string;
  private knowledgeMemo?: { match: KnowledgeMatch | undefined };
  /** How many records of each kind this turn's actions have created so far. */
  private readonly records = new Map<string, number>();
  private readonly baseMemo = new Map<Locale, Record<string, string>>();

  constructor(readonly turn: EngineTurn, readonly bot: BotVersion, readonly settings: EngineSettings) {
    const conv = turn.conversation;
    this.locale = settings.defaultLocale;
    this.input = { ...turn.input };
    this.text = turn.input.text;
    this.result = { replies: this.out, locale: this.locale, flow: conv.flow ?? null, suspended: [...conv.suspended], notUnderstood: conv.notUnderstood, offered: null };
  }

  get conversation() {
    return this.turn.conversation;
  }

  /**
   * The id of the turn's next record of a kind: derived from the message it answers (an ObjectId,
   * whose time the record's id keeps), so the same on a re-run.
   */
  recordId(kind: string): string | undefined {
    const key = this.turn.turnKey;
    if (!key) return undefined;
    const n = (this.records.get(kind) ?? 0) + 1;
    this.records.set(kind, n);
    return derivedId(`${key}:${kind}:${n}`, /^[0-9a-f]{24}$/.test(key) ? key : undefined);
  }

  /** The FAQ's answer to this message, searched once per turn at most. */
  knowledge(): KnowledgeMatch | undefined {
    this.knowledgeMemo ??= { match: this.text.trim() ? this.bot.knowledge.search(this.text) : undefined };
    return this.knowledgeMemo.match;
  }

  company(locale: Locale = this.locale): string {
    return this.settings.companyName?.[locale] ?? this.bot.profile.company[locale];
  }

  /** Values every text may use: company, bot number, salutation, business hours, price list. */
  base(locale: Locale = this.locale): Record<string, string> {
    const memo = this.baseMemo.get(locale);
    if (memo) return memo;
    const s = statics(this.bot, this.settings, locale);
    const customer = this.turn.customer;
    const gender = customer.gender !== 'unknown' ? customer.gender : undefined;
    const surname = surnameOf(customer.name, locale) ?? '';
    const values = {
      ...s.fixed,
      company: this.company(locale),
      customerName: customer.name ?? '',
      salutation: salutation(s, surname, gender === undefined ? undefined : surname ? gender : `${gender}_anon`),
    };
    this.baseMemo.set(locale, values);
    return values;
  }

  /** The main menu's options in this language, translated once per version (titles have no values). */
  menu(): QuickReply[] {
    const s = statics(this.bot, this.settings, this.locale);
    s.menu ??= [...this.bot.menu.map((f) => ({ value: `flow:${f.id}`, label: s.t(f.title) as string })), { value: 'human', label: s.t('common:menu_human') as string }];
    return s.menu;
  }

  /** A runtime for a flow state (a copy: the stored state changes only through the result). */
  runtime(state: FlowState | undefined): FlowRuntime {
    const locale = this.locale;
    const { t } = statics(this.bot, this.settings, locale);
    const customer = { ...this.turn.customer, locale };
    const base = this.base(locale);
    const rt: FlowRuntime = {
      state: state ? structuredClone(state) : { flowId: '', version: 0, stepId: '', values: {}, retries: 0 },
      customer,
      locale,
      now: this.turn.now,
      timeZone: this.settings.timeZone,
      catalogue: this.bot.catalogue,
      t: (key, extra) => t(key, { ...base, ...rt.state.values, ...extra }) as string,
      say: (text, quickReplies) => this.out.push({ author: 'bot', text, ...(quickReplies?.length ? { quickReplies } : {}) }),
      options: (options) => options.map((o) => ({ value: o.value, label: rt.t(o.label) })),
      runAction: async (name, params) => {
        const action = this.bot.actions.get(name);
        if (!action) throw new Error(`unknown action "${name}"`);
        return action({ conversationId: this.conversation.id, customer, channel: this.conversation.channel, locale, values: rt.state.values, params, now: this.turn.now, recordId: (kind) => this.recordId(kind) });
      },
    };
    return rt;
  }
}
