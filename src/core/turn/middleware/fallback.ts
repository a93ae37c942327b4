import type { Middleware } from '../composer';
import { finish, offer, showMenu } from '../outcome';
import type { TurnContext } from '../turn-context';

/**
 * Nothing understood it. Inside a flow the waiting question explains and asks again (its retries
 * lead to a human); outside, the bot apologises and shows the menu, and after a few times in a
 * row offers a human.
 */
export const fallback: Middleware<TurnContext> = async (ctx) => {
  const { result, rt, bot } = ctx;
  if (ctx.conversation.flow && bot.runner.waitingStep(ctx.conversation.flow)) {
    result.understood = `retry:${ctx.conversation.flow.flowId}.${ctx.conversation.flow.stepId}`;
    return finish(ctx, await bot.runner.answer(rt, ctx.input));
  }
  result.understood = 'fallback';
  result.notUnderstood += 1;
  if (result.notUnderstood >= ctx.settings.maxNotUnderstood) {
    return offer(ctx, rt.t('common:offer_human'), rt.options([{ value: 'human', label: 'common:menu_human' }, { value: 'menu', label: 'common:menu_show' }]));
  }
  rt.say(rt.t('common:fallback'));
  showMenu(ctx, false);
};
