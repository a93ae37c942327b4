import type { Middleware } from '../composer';
import { startFlow } from '../outcome';
import type { TurnContext } from '../turn-context';

/** A flow the bot starts itself (回访 survey, order confirmation, the greeting on open): no input to read. */
export const proactive: Middleware<TurnContext> = async (ctx, next) => {
  const p = ctx.turn.proactive;
  if (!p) return next();
  ctx.rt = ctx.runtime(undefined);
  await startFlow(ctx, p.flowId, p.values);
  ctx.result.understood = `proactive:${p.flowId}`;
};
