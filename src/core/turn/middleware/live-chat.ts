import type { Middleware } from '../composer';
import type { TurnContext } from '../turn-context';

/** A human has the chat (waiting, assigned, closed): the bot stays silent and changes nothing. */
export const liveChat: Middleware<TurnContext> = async (ctx, next) => {
  if (ctx.conversation.status === 'bot') return next();
  ctx.result.offered = ctx.conversation.offered ?? null;
};
