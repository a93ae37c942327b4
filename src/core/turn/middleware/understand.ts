import type { Middleware } from '../composer';
import type { TurnContext } from '../turn-context';

/**
 * What the customer means: small talk around the message ("你好，" before a question is set
 * aside), then the recogniser's intent and details (slots). A pressed or typed option needs no
 * understanding; an answer the waiting question takes is read by rules only (no model call).
 */
export const understand: Middleware<TurnContext> = async (ctx, next) => {
  const text = ctx.input.text.trim();
  if (text && !ctx.input.choice) {
    ctx.smallTalk = ctx.bot.smallTalk.match(text);
    if (ctx.smallTalk?.rest) ctx.text = ctx.smallTalk.rest;
    const known = !ctx.answering && !ctx.smallTalk ? ctx.knowledge()?.kind === 'answer' : false;
    const recognition = await ctx.bot.recognizer.recognize(ctx.text, ctx.locale, { answering: ctx.answering, known });
    // "你是真人吗" is small talk, not a request for a human; only a change of mind inside a flow ("没事了") outranks it.
    if (recognition && ctx.smallTalk && !ctx.smallTalk.rest && !(recognition.intent === 'cancel' && ctx.conversation.flow)) delete recognition.intent;
    ctx.recognition = recognition;
  }
  await next();
};
