import type { QuickReply } from '../../src/core/message';
import { parseOptionNumber } from '../../src/core/text/option-number';

/**
 * Quick replies for channels without buttons (WeCom, Official Account, QQ, personal WeChat): shown as
 * numbered lines, answered by typing the number — "1", "１", "①", "一", "第一个" — or the label.
 * The engine reads typed numbers the same way (core/text/option-number), against the options of
 * the question being asked; this resolver serves adapters that map a choice themselves.
 */

/** "1. 下单\n2. 投诉"; empty for no options. */
export function renderNumberedOptions(quickReplies: readonly QuickReply[]): string {
  return quickReplies.map((reply, index) => `${index + 1}. ${reply.label}`).join('\n');
}

/** The message text with its options below it, separated by a blank line. */
export function withNumberedOptions(text: string, quickReplies: readonly QuickReply[] | undefined): string {
  if (quickReplies === undefined || quickReplies.length === 0) return text;
  const options = renderNumberedOptions(quickReplies);
  return text === '' ? options : `${text}\n\n${options}`;
}

/**
 * The option the customer picked from the last offered ones, or undefined when the input is not a
 * choice (then it is ordinary text). Numbers are 1-based; labels match ignoring case and width.
 */
export function resolveNumberedChoice(input: string, offered: readonly QuickReply[]): QuickReply | undefined {
  if (offered.length === 0) return undefined;
  // NFKC folds full-width digits ("１") and circled numbers ("①") to ASCII digits.
  const normalised = input.normalize('NFKC').trim();
  const index = parseOptionNumber(normalised);
  if (index !== undefined) return offered[index - 1];
  const folded = normalised.toLowerCase();
  return offered.find((reply) => reply.label.normalize('NFKC').trim().toLowerCase() === folded);
}
