import { detectLocale, toLocale } from '../../text/locale-detect';
import type { Middleware } from '../composer';
import type { TurnContext } from '../turn-context';

/** Short Latin words ("ok", "1") say nothing about the customer's language. */
function isDecisive(text: string): boolean {
  if (/\p{Script=Han}/u.test(text)) return /\p{Script=Han}.*\p{Script=Han}/u.test(text);
  // A sentence, not markup, code or a URL: at least two words of letters, and little else.
  const words = text.trim().split(/\s+/).filter((w) => /^[\p{L}'’-]{2,}[,.!?]?$/u.test(w));
  return words.length >= 2 && (text.match(/\p{L}/gu)?.length ?? 0) >= 6 && !/[<>{}=/\\]/.test(text);
}

/** The customer's language: what they write when it tells, else what we know, the platform's hint, the default. */
export const locale: Middleware<TurnContext> = async (ctx, next) => {
  const { turn } = ctx;
  const text = turn.input.text;
  const known = turn.customer.localeKnown || !!toLocale(turn.localeHint);
  // A first "hello" or "hi" from someone we know nothing about is English, though one word decides nothing later.
  const detected = text && (isDecisive(text) || (!known && /^[a-z][a-z\s'’!.,?]*$/i.test(text.trim()) && text.trim().length >= 2)) ? detectLocale(text) : undefined;
  ctx.locale = detected ?? (turn.customer.localeKnown ? turn.customer.locale : (toLocale(turn.localeHint) ?? ctx.settings.defaultLocale));
  ctx.result.locale = ctx.locale;
  ctx.rt = ctx.runtime(turn.conversation.flow);
  await next();
};
