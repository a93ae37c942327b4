import type { Locale, QuickReply } from '../core/message';
import type { Catalogue } from './catalogue';
import type { ChoiceOption } from './flow-schema';

/** Where a conversation is in a flow; persisted on the conversation after every turn. */
export interface FlowState {
  flowId: string;
  version: number;
  stepId: string;
  values: Record<string, unknown>;
  retries: number;
  /** After re-asking a corrected value, go back to this confirm step instead of `next`. */
  returnTo?: string;
  /** A confirm step waiting for "which value to change?" rather than yes/no. */
  awaiting?: 'field';
}

/** What the customer sent this turn. */
export interface TurnInput {
  text: string;
  choice?: string;
  /** Pictures, files or voice sent with it (their kinds): a `photo` question takes an image. */
  attachments?: { kind: string }[];
}

/** The customer as flows see it (conditions, salutations, interpolation). */
export interface CustomerView {
  id: string;
  name?: string;
  gender: 'male' | 'female' | 'unknown';
  phone?: string;
  locale: Locale;
  updatesVia?: 'wechat' | 'sms';
}

/** An action's outcome: values to remember, a step to jump to, or a hand-off that stops the bot. */
export interface ActionResult {
  values?: Record<string, unknown>;
  next?: string;
  handoff?: { reason: 'customer_request' | 'not_understood' | 'flow' | 'serious_complaint'; priority: number };
}

export interface ActionContext {
  conversationId: string;
  customer: CustomerView;
  channel: string;
  locale: Locale;
  values: Record<string, unknown>;
  params: Record<string, string | number | boolean>;
  now: Date;
  /**
   * The id for a record of this kind the action creates (the first, second… of the turn): the same
   * each time this turn runs, so a turn run again after a crash or a conflict finds the records of
   * its first run instead of writing them twice. Undefined for a turn that reads no message.
   */
  recordId(kind: string): string | undefined;
}

/** A named side effect a flow can run (create a lead, an order…). */
export type FlowAction = (ctx: ActionContext) => Promise<ActionResult>;

/** Everything a step needs during a turn; built once per turn by the engine. */
export interface FlowRuntime {
  state: FlowState;
  customer: CustomerView;
  locale: Locale;
  now: Date;
  timeZone: string;
  catalogue: Catalogue;
  /** Translate with the turn's interpolation values (flow values, customer, company…). */
  t(key: string, extra?: Record<string, unknown>): string;
  say(text: string, quickReplies?: QuickReply[]): void;
  runAction(name: string, params: Record<string, string | number | boolean>): Promise<ActionResult>;
  options(options: ChoiceOption[]): QuickReply[];
}

/** What a step decides: go on to a step, wait for the customer, switch flow, end, or hand off. */
export type StepOutcome =
  | { type: 'next'; step: string }
  | { type: 'wait' }
  | { type: 'goto'; flow: string; step?: string }
  | { type: 'end'; menu: boolean }
  | { type: 'handoff'; handoff: NonNullable<ActionResult['handoff']> };
