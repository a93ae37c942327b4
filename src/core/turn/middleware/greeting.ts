import type { Middleware } from '../composer';
import { finish, showMenu } from '../outcome';
import type { TurnContext } from '../turn-context';

/**
 * The first message of a conversation is answered with the opening line (开场白). When it said no
 * more than hello, the menu follows; otherwise the rest of the turn answers what it asked.
 */
export const greeting: Middleware<TurnContext> = async (ctx, next) => {
  if (!ctx.conversation.isNew) return next();
  const rt = ctx.runtime(undefined);
  rt.state = ctx.bot.runner.initial('greeting');
  const run = await ctx.bot.runner.enter(rt);
  const onlyHello = !ctx.input.choice && !ctx.recognition?.intent && (ctx.smallTalk ? ctx.smallTalk.entries.every((e) => e.greeting) && !ctx.smallTalk.rest : !ctx.knowledge());
  if (onlyHello) {
    if (run.status === 'ended') {
      ctx.result.understood = 'greeting';
      return showMenu(ctx, false);
    }
    return finish(ctx, run);
  }
  await next();
};
