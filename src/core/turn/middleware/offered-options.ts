import { matchOption } from '../../../flows/input-parsers';
import type { Middleware } from '../composer';
import type { TurnContext } from '../turn-context';

/**
 * A typed "2", "第二个" or label picks from the options of the question being asked: the waiting
 * step's own options while a flow waits, and the menu (or other offered choices) only when the
 * bot is at the menu. A menu shown earlier never answers a flow's question.
 */
export const offeredOptions: Middleware<TurnContext> = async (ctx, next) => {
  if (!ctx.input.choice && ctx.input.text.trim()) {
    const waiting = ctx.conversation.flow && ctx.bot.runner.waitingStep(ctx.conversation.flow);
    const options = waiting ? ctx.bot.runner.options(ctx.rt) : (ctx.conversation.offered ?? []);
    const picked = options.length ? matchOption(ctx.input, options) : undefined;
    // At the menu, only a number or a whole label is a pick: "我想了解一下产品" is words, not option 1.
    if (picked && (waiting || isWholePick(ctx.input.text, options, picked))) ctx.input.choice = picked;
  }
  ctx.answering = !!ctx.conversation.flow && ctx.bot.runner.accepts(ctx.rt, ctx.input);
  await next();
};

function isWholePick(text: string, options: { value: string; label: string }[], picked: string): boolean {
  const label = options.find((o) => o.value === picked)?.label ?? '';
  const t = text.trim();
  return t.length <= 6 || t.length <= label.length + 2;
}
