import type { i18n } from 'i18next';
import type { Locale, OutboundMessage, QuickReply } from '../core/message';
import type { IntentRecognizer } from '../core/intents/intent-recognizer';
import { detectLocale, toLocale } from '../core/text/locale-detect';
import type { BusinessHours } from '../core/calendar/business-hours';
import { matchOption } from '../flows/input-parsers';
import type { Catalogue } from '../flows/catalogue';
import type { ChoiceOption } from '../flows/flow-schema';
import type { ActionResult, CustomerView, FlowAction, FlowRuntime, FlowState, TurnInput } from '../flows/flow-runtime';
import { FlowRunner, type RunResult } from '../flows/runner';
import { surnameOf } from './salutation';
import { isOpen as isOpenAt } from '../core/calendar/business-hours';

export interface EngineSettings {
  companyName: Record<Locale, string>;
  botNumber: string;
  timeZone: string;
  businessHours: BusinessHours;
  maxNotUnderstood: number;
  defaultLocale: Locale;
}

/** The conversation as the engine sees it; the service loads and stores it. */
export interface ConversationView {
  id: string;
  channel: string;
  isNew: boolean;
  status: 'bot' | 'waiting' | 'assigned' | 'closed';
  flow?: FlowState;
  suspended: FlowState[];
  notUnderstood: number;
  offered?: QuickReply[];
}

export interface EngineTurn {
  conversation: ConversationView;
  customer: CustomerView & { localeKnown: boolean };
  input: TurnInput;
  localeHint?: string;
  now: Date;
  /** Whether any agent is online (decides between a hand-off and leaving a message). */
  agentsAvailable: boolean;
  /** A flow the bot starts itself (follow-up survey, order confirmation) instead of reading input. */
  proactive?: { flowId: string; values: Record<string, unknown> };
}

export interface EngineResult {
  replies: OutboundMessage[];
  locale: Locale;
  flow: FlowState | null;
  suspended: FlowState[];
  notUnderstood: number;
  offered: QuickReply[] | null;
  handoff?: NonNullable<ActionResult['handoff']>;
}

/**
 * The conversation engine: decides the bot's replies to one customer message (or a proactive
 * start). Channel-agnostic and storage-free: flows, wording and actions come in at construction.
 */
export class Engine {
  readonly runner: FlowRunner;

  constructor(
    private readonly i18n: i18n,
    flows: ReadonlyMap<string, import('../flows/flow-schema').FlowDefinition>,
    private readonly catalogue: Catalogue,
    private readonly recognizer: IntentRecognizer,
    private readonly actions: ReadonlyMap<string, FlowAction>,
    private readonly settings: EngineSettings,
  ) {
    this.runner = new FlowRunner(flows);
    this.menuFlows = [...flows.values()].filter((f) => f.menuOrder !== undefined && f.title).sort((a, b) => a.menuOrder! - b.menuOrder!);
  }

  private readonly menuFlows: { id: string; title?: string }[];

  async turn(turn: EngineTurn): Promise<EngineResult> {
    const locale = this.resolveLocale(turn);
    const out: OutboundMessage[] = [];
    const conv = turn.conversation;
    const result: EngineResult = { replies: out, locale, flow: conv.flow ?? null, suspended: [...conv.suspended], notUnderstood: conv.notUnderstood, offered: null };
    const rt = this.runtime(turn, locale, out, conv.flow);

    if (turn.proactive) {
      rt.state = this.runner.initial(turn.proactive.flowId, turn.proactive.values);
      return this.finish(result, rt, await this.runner.enter(rt), turn);
    }
    if (conv.status !== 'bot') return { ...result, offered: conv.offered ?? null };

    const input = { ...turn.input };
    if (!input.choice && conv.offered?.length) input.choice = matchOption(input, conv.offered);
    const recognition = input.choice ? undefined : await this.recognizer.recognize(input.text, locale);
    const intent = recognition?.intent;

    if (conv.isNew) {
      const greeting = this.runtime(turn, locale, out, undefined);
      greeting.state = this.runner.initial('greeting');
      await this.runner.enter(greeting);
      if (!intent && !input.choice) return this.showMenu(result, rt, false);
    }

    if (input.choice === 'human' || intent === 'human') {
      if (conv.flow) result.suspended.push(conv.flow);
      return this.handoff(result, rt, { reason: 'customer_request', priority: 0 }, turn);
    }
    if (intent === 'cancel') {
      rt.say(rt.t(conv.flow ? 'common:cancelled' : 'common:nothing_to_cancel'));
      result.flow = null;
      return this.showMenu(result, rt, false);
    }
    if (input.choice === 'menu' || intent === 'menu') {
      if (conv.flow) result.suspended = [...result.suspended.slice(-2), conv.flow];
      result.flow = null;
      return this.showMenu(result, rt, true);
    }
    if (input.choice === 'menu:continue' && result.suspended.length) {
      rt.state = result.suspended.pop()!;
      return this.finish(result, rt, await this.runner.enter(rt), turn);
    }
    // A free-text answer is the answer: "物流太慢" describing a complaint must not start order-status.
    const waitingStep = conv.flow ? this.runner.get(conv.flow.flowId)?.steps[conv.flow.stepId] : undefined;
    const freeText = waitingStep?.kind === 'ask' && waitingStep.type === 'text';
    const startFlow = input.choice?.startsWith('flow:') ? input.choice.slice(5) : typeof intent === 'object' && !freeText ? intent.flow : undefined;
    if (startFlow && this.runner.get(startFlow) && (!conv.flow || typeof intent === 'object' || input.choice?.startsWith('flow:'))) {
      if (conv.flow && conv.flow.flowId !== startFlow) result.suspended = [...result.suspended.slice(-2), conv.flow];
      rt.state = this.runner.initial(startFlow);
      result.notUnderstood = 0;
      return this.finish(result, rt, await this.runner.enter(rt), turn);
    }
    if (conv.flow) {
      return this.finish(result, rt, await this.runner.answer(rt, input), turn);
    }
    if (conv.isNew) return this.showMenu(result, rt, false);
    result.notUnderstood += 1;
    if (result.notUnderstood >= this.settings.maxNotUnderstood) {
      rt.say(rt.t('common:offer_human'), rt.options([{ value: 'human', label: 'common:menu_human' }, { value: 'menu', label: 'common:menu_show' }]));
      result.offered = [{ value: 'human', label: rt.t('common:menu_human') }, { value: 'menu', label: rt.t('common:menu_show') }];
      return result;
    }
    rt.say(rt.t('common:fallback'));
    return this.showMenu(result, rt, false);
  }

  private async finish(result: EngineResult, rt: FlowRuntime, run: RunResult, turn: EngineTurn): Promise<EngineResult> {
    if (run.status === 'waiting') {
      result.flow = run.state;
      result.notUnderstood = 0;
      result.offered = null;
      return result;
    }
    if (run.status === 'handoff') return this.handoff(result, rt, run.handoff, turn);
    result.flow = null;
    result.notUnderstood = 0;
    return run.menu ? this.showMenu(result, rt, false) : result;
  }

  private async handoff(result: EngineResult, rt: FlowRuntime, handoff: NonNullable<ActionResult['handoff']>, turn: EngineTurn): Promise<EngineResult> {
    const open = this.isOpen(turn.now);
    if (handoff.reason === 'serious_complaint' && (!open || !turn.agentsAvailable)) {
      // The complaint is recorded and escalated; it waits at the top of the queue for the first
      // agent, and the customer is told a manager will call rather than asked to repeat it.
      rt.say(rt.t('common:handoff_serious_offline'));
      result.flow = null;
      result.offered = null;
      result.handoff = handoff;
      return result;
    }
    if (!open || !turn.agentsAvailable) {
      // Nobody can take the chat now: the customer leaves a message, which becomes a lead.
      rt.state = this.runner.initial('leave-message', { reason: handoff.reason, open });
      return this.finish(result, rt, await this.runner.enter(rt), { ...turn });
    }
    rt.say(rt.t(handoff.reason === 'serious_complaint' ? 'common:handoff_serious' : 'common:handoff_waiting'));
    result.flow = null;
    result.offered = null;
    result.handoff = handoff;
    return result;
  }

  private showMenu(result: EngineResult, rt: FlowRuntime, offerContinue: boolean): EngineResult {
    const options: ChoiceOption[] = [
      ...(offerContinue && result.suspended.length ? [{ value: 'menu:continue', label: 'common:menu_continue' }] : []),
      ...this.menuFlows.map((f) => ({ value: `flow:${f.id}`, label: f.title! })),
      { value: 'human', label: 'common:menu_human' },
    ];
    const quickReplies = rt.options(options);
    rt.say(rt.t('common:menu_prompt'), quickReplies);
    result.offered = quickReplies;
    return result;
  }

  /** Wording for texts the service sends outside a turn (live chat, canned replies). */
  translator(locale: Locale | undefined): (key: string, values?: Record<string, unknown>) => string {
    const t = this.i18n.getFixedT(locale ?? this.settings.defaultLocale);
    return (key, values) => t(key, values ?? {}) as string;
  }

  /** The company's name in the opening line, in the customer's language. */
  company(locale: Locale | undefined): string {
    return this.settings.companyName[locale ?? this.settings.defaultLocale];
  }

  /** "张先生，" / "先生，" when the gender is known, "" (a neutral 您好 follows) when not. */
  salutation(customer: { name?: string; gender?: string }, locale: Locale): string {
    const gender = customer.gender && customer.gender !== 'unknown' ? customer.gender : undefined;
    const surname = surnameOf(customer.name, locale) ?? '';
    return this.i18n.getFixedT(locale)('common:salutation', { surname, context: gender === undefined ? undefined : surname ? gender : `${gender}_anon` }) as string;
  }

  /** The localised apology the turn-error handler sends when a turn fails. */
  apology(locale: Locale | undefined): string {
    return this.i18n.getFixedT(locale ?? this.settings.defaultLocale)('common:apology') as string;
  }

  isOpen(now: Date): boolean {
    return isOpenAt(this.settings.businessHours, now, this.settings.timeZone);
  }

  private resolveLocale(turn: EngineTurn): Locale {
    const detected = turn.input.text && isDecisive(turn.input.text) ? detectLocale(turn.input.text) : undefined;
    if (detected) return detected;
    if (turn.customer.localeKnown) return turn.customer.locale;
    return toLocale(turn.localeHint) ?? this.settings.defaultLocale;
  }

  private runtime(turn: EngineTurn, locale: Locale, out: OutboundMessage[], state: FlowState | undefined): FlowRuntime {
    const t = this.i18n.getFixedT(locale);
    const customer = { ...turn.customer, locale };
    const base = {
      company: this.settings.companyName[locale],
      botNumber: this.settings.botNumber,
      customerName: customer.name ?? '',
      salutation: this.salutation(customer, locale),
    };
    const rt: FlowRuntime = {
      state: state ? structuredClone(state) : { flowId: '', version: 0, stepId: '', values: {}, retries: 0 },
      customer,
      locale,
      now: turn.now,
      timeZone: this.settings.timeZone,
      catalogue: this.catalogue,
      t: (key, extra) => t(key, { ...base, ...rt.state.values, ...extra }) as string,
      say: (text, quickReplies) => out.push({ author: 'bot', text, ...(quickReplies?.length ? { quickReplies } : {}) }),
      options: (options) => options.map((o) => ({ value: o.value, label: rt.t(o.label) })),
      runAction: async (name, params) => {
        const action = this.actions.get(name);
        if (!action) throw new Error(`unknown action "${name}"`);
        return action({ conversationId: turn.conversation.id, customer, channel: turn.conversation.channel, locale, values: rt.state.values, params, now: turn.now });
      },
    };
    return rt;
  }
}

/** Short Latin words ("ok", "1") say nothing about the customer's language. */
function isDecisive(text: string): boolean {
  if (/\p{Script=Han}/u.test(text)) return /\p{Script=Han}.*\p{Script=Han}/u.test(text);
  // A sentence, not markup, code or a URL: at least two words of letters, and little else.
  const words = text.trim().split(/\s+/).filter((w) => /^[\p{L}'’-]{2,}[,.!?]?$/u.test(w));
  return words.length >= 2 && (text.match(/\p{L}/gu)?.length ?? 0) >= 6 && !/[<>{}=/\\]/.test(text);
}
