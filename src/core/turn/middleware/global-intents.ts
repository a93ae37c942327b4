import type { Middleware } from '../composer';
import { finish, handoff, showMenu } from '../outcome';
import type { TurnContext } from '../turn-context';

/**
 * Intents that interrupt anything: a human (转人工), cancel or a change of mind (算了, 不投了),
 * the menu, going back to an interrupted flow. A waiting yes/no question keeps "不用了" as its
 * answer; a read-back or any other question lets cancel through.
 */
export const globalIntents: Middleware<TurnContext> = async (ctx, next) => {
  const { input, result, conversation: conv } = ctx;
  const intent = ctx.recognition?.intent;
  if (input.choice === 'human' || intent === 'human') {
    if (conv.flow) result.suspended.push(conv.flow);
    result.understood = 'human';
    return handoff(ctx, { reason: 'customer_request', priority: 0 });
  }
  if (intent === 'cancel') {
    const step = ctx.bot.runner.waitingStep(conv.flow);
    const keepsAnswer = ctx.answering && step?.kind === 'ask' && step.type === 'yesno';
    if (!keepsAnswer) {
      ctx.rt.say(ctx.rt.t(conv.flow ? 'common:cancelled' : 'common:nothing_to_cancel'));
      result.flow = null;
      result.understood = 'cancel';
      return showMenu(ctx, false);
    }
  }
  if (input.choice === 'menu' || intent === 'menu') {
    if (conv.flow) result.suspended = [...result.suspended.slice(-2), conv.flow];
    result.flow = null;
    result.understood = 'menu';
    return showMenu(ctx, true);
  }
  if (input.choice === 'menu:continue' && result.suspended.length) {
    ctx.rt = ctx.runtime(result.suspended.pop());
    result.understood = 'continue';
    return finish(ctx, await ctx.bot.runner.enter(ctx.rt));
  }
  await next();
};
