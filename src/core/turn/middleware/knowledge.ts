import type { Middleware } from '../composer';
import { offer, showMenu } from '../outcome';
import type { TurnContext } from '../turn-context';
import { fillAnswer } from '../../../knowledge/knowledge-base';

/** How sure a match must be to answer a message that asks nothing. */
const STATEMENT_SURE = 0.8;

/**
 * Small talk (谢谢, 你是机器人吗) and the FAQ answer before the bot admits it did not understand:
 * one answer when sure, "did you mean A or B?" between two close ones. Inside a flow the
 * question that waits is asked again after the answer, and the flow goes on.
 */
export const knowledge: Middleware<TurnContext> = async (ctx, next) => {
  const { input, result, bot, rt } = ctx;
  const values = ctx.base();
  const inFlow = !!ctx.conversation.flow && !!bot.runner.waitingStep(ctx.conversation.flow);
  const after = () => {
    result.notUnderstood = 0;
    if (inFlow) {
      bot.runner.repeat(rt);
      result.offered = [];
    }
  };
  if (input.choice?.startsWith('faq:')) {
    const entry = bot.knowledge.get(input.choice.slice(4));
    if (entry) {
      rt.say(fillAnswer(entry.answer[ctx.locale], values));
      result.understood = `faq:${entry.id}`;
      return after();
    }
  }
  const talk = ctx.smallTalk;
  if (talk && !talk.rest && !input.choice) {
    for (const entry of talk.entries) if (!(entry.greeting && ctx.conversation.isNew)) rt.say(fillAnswer(entry.answer[ctx.locale], values));
    result.understood = `smalltalk:${talk.entries.map((e) => e.id).join('+')}`;
    if (!inFlow && talk.entries.some((e) => e.menu)) {
      result.notUnderstood = 0;
      return showMenu(ctx, false);
    }
    return after();
  }
  const found = input.choice ? undefined : ctx.knowledge();
  // A statement ("阿姨做的菜太咸了") that only resembles a question is answered only when the match is sure.
  const match = found && (found.kind === 'choose' || ctx.recognition?.question !== false || found.confidence >= STATEMENT_SURE) ? found : undefined;
  if (match?.kind === 'answer') {
    rt.say(fillAnswer(match.entry.answer[ctx.locale], values));
    result.understood = `faq:${match.entry.id}`;
    return after();
  }
  if (match?.kind === 'choose' && !inFlow) {
    const [a, b] = match.entries;
    offer(ctx, rt.t('common:did_you_mean'), [
      { value: `faq:${a.id}`, label: a.title[ctx.locale] },
      { value: `faq:${b.id}`, label: b.title[ctx.locale] },
      { value: 'human', label: rt.t('common:menu_human') },
    ]);
    result.understood = `choose:${a.id}|${b.id}`;
    result.notUnderstood = 0;
    return;
  }
  await next();
};
