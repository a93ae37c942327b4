import type { Locale, OutboundMessage, QuickReply } from '../message';
import type { BusinessHours } from '../calendar/business-hours';
import type { ActionResult, CustomerView, FlowState, TurnInput } from '../../flows/flow-runtime';

/** What the engine is configured with (from the config and the company profile). */
export interface EngineSettings {
  /** Overrides the profile's company name when set (COMPANY_NAME / COMPANY_NAME_EN). */
  companyName?: Partial<Record<Locale, string>>;
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
  /** The message this turn answers (its id), from which the ids of the records it creates derive. */
  turnKey?: string;
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
  /**
   * The options the bot is at (the menu, "转人工 / 菜单", "did you mean…"), which a typed number or
   * label picks next turn. [] while a flow waits: its question's own options are read from the flow.
   */
  offered: QuickReply[] | null;
  handoff?: NonNullable<ActionResult['handoff']>;
  /** What the turn understood, for analytics: an intent name, "faq:<id>", "smalltalk:<id>", "fallback". */
  understood?: string;
}
