import type { QuickReply } from '../message';
import type { ChoiceOption } from '../../flows/flow-schema';
import type { ActionResult, FlowState } from '../../flows/flow-runtime';
import type { RunResult } from '../../flows/runner';
import { isOpen } from '../calendar/business-hours';
import type { TurnContext } from './turn-context';

/*
 * The one place that decides how a turn ends: waiting in a flow, back at the menu, handed to a
 * human (or a message left when nobody can take it). Middleware call these; nothing else writes
 * the result's flow, offered options or hand-off.
 */

/** The flow walked on: record where it waits, or what happened when it stopped. */
export async function finish(ctx: TurnContext, run: RunResult): Promise<void> {
  const r = ctx.result;
  if (run.status === 'waiting') {
    r.flow = run.state;
    r.notUnderstood = 0;
    // The question's own options are read from the flow next turn; a stale menu must not stay.
    r.offered = [];
    return;
  }
  if (run.status === 'handoff') return handoff(ctx, run.handoff);
  r.flow = null;
  r.notUnderstood = 0;
  r.offered = [];
  if (run.menu) showMenu(ctx, false);
}

/** Starts a flow from its first step (or a given one), keeping an interrupted one to resume. */
export async function startFlow(ctx: TurnContext, flowId: string, values: Record<string, unknown> = {}, prepare?: (state: FlowState) => void): Promise<void> {
  const conv = ctx.conversation;
  if (conv.flow && conv.flow.flowId !== flowId && ctx.result.flow) ctx.result.suspended = [...ctx.result.suspended.slice(-2), conv.flow];
  ctx.rt = ctx.runtime(undefined);
  ctx.rt.state = ctx.bot.runner.initial(flowId, values);
  prepare?.(ctx.rt.state);
  ctx.result.notUnderstood = 0;
  await finish(ctx, await ctx.bot.runner.enter(ctx.rt));
}

/** A human takes over, or the customer leaves a message when nobody can (outside hours, nobody online). */
export async function handoff(ctx: TurnContext, h: NonNullable<ActionResult['handoff']>): Promise<void> {
  const r = ctx.result;
  const open = isOpen(ctx.settings.businessHours, ctx.turn.now, ctx.settings.timeZone);
  const rt = ctx.rt;
  if (h.reason === 'serious_complaint' && (!open || !ctx.turn.agentsAvailable)) {
    // Recorded and escalated: it waits at the top of the queue; the customer is not asked to repeat it.
    rt.say(rt.t('common:handoff_serious_offline'));
    Object.assign(r, { flow: null, offered: [], handoff: h });
    return;
  }
  if (!open || !ctx.turn.agentsAvailable) {
    ctx.rt = ctx.runtime(undefined);
    ctx.rt.state = ctx.bot.runner.initial('leave-message', { reason: h.reason, open });
    await finish(ctx, await ctx.bot.runner.enter(ctx.rt));
    return;
  }
  rt.say(rt.t(h.reason === 'serious_complaint' ? 'common:handoff_serious' : 'common:handoff_waiting'));
  Object.assign(r, { flow: null, offered: [], handoff: h });
}

/** The main menu of the profile (with "continue" when a flow was interrupted). */
export function showMenu(ctx: TurnContext, offerContinue: boolean): void {
  const r = ctx.result;
  const rt = ctx.rt;
  const resume: ChoiceOption[] = offerContinue && r.suspended.length ? [{ value: 'menu:continue', label: 'common:menu_continue' }] : [];
  const quickReplies = [...rt.options(resume), ...ctx.menu()];
  rt.say(rt.t('common:menu_prompt'), quickReplies);
  r.offered = quickReplies;
}

/** Options the bot offers outside a flow ("did you mean", human or menu): picked by number next turn. */
export function offer(ctx: TurnContext, text: string, options: QuickReply[]): void {
  ctx.rt.say(text, options);
  ctx.result.offered = options;
}
