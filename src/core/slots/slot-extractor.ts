import type { Locale } from '../message';
import { normalizeForMatching } from '../text/normalize';
import { parsePhoneFor } from '../text/phone';
import { extractAddress } from '../text/address';
import { quantitiesIn } from '../text/quantity';
import { parsePersonName } from '../text/person-name';
import type { Slots } from './slots';

/** Finds the product a sentence names (the catalogue). */
export interface ProductMatcher {
  find(text: string): { sku: string } | undefined;
}

const ORDER_NUMBER = /\bO\d{8,16}\b/i;
// A date or a time in a sentence: "12月1号", "下周一", "周六", "明天", "next Monday", "December 1st".
const DATE = new RegExp(
  [
    '\\d{1,2}月\\d{1,2}[号日]?', '[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[号日]?', '(?:下+个?|这个?|本)?(?:周|星期|礼拜)[一二三四五六日天末]', '下+个?(?:周|星期|礼拜)',
    '今天|明天|后天|大后天|下个?月初?|月底|明年\\d{0,2}月?|年后|节后|尽快|越快越好|马上',
    '\\b(?:next|this) (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b', '\\b(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b',
    '\\btomorrow\\b', '\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \\d{1,2}(?:st|nd|rd|th)?\\b', '\\basap\\b|as soon as possible',
  ].join('|'),
);
// An explicit self-introduction inside a sentence; a bare name is read only when asked for.
const NAME_INTRO = /(?:我(?:叫|姓)|免贵姓|my name is|my name's)\s*([\p{Script=Han}]{1,4}(?:先生|女士|小姐|太太)?|[a-z][a-z'-]+(?: [a-z][a-z'-]+)?)/iu;

/**
 * Reads the details of a message once, with every pattern compiled at start. Phone and order
 * numbers are told apart (an order number's digits are no phone), quantities only with a unit.
 */
export class SlotExtractor {
  private readonly payment: { value: 'cod' | 'online'; words: string[] }[];

  constructor(private readonly products: ProductMatcher, payment: { cod: string[]; online: string[] }) {
    // Longer words first: "货到付款" before "付款".
    this.payment = (['cod', 'online'] as const).flatMap((value) => payment[value].map((w) => ({ value, words: [normalizeForMatching(w)] }))).sort((a, b) => b.words[0].length - a.words[0].length);
  }

  extract(text: string, locale: Locale): Slots {
    const slots: Slots = {};
    const n = normalizeForMatching(text);
    if (!n) return slots;
    const order = ORDER_NUMBER.exec(text.normalize('NFKC'));
    if (order) slots.orderNumber = order[0].toUpperCase();
    const withoutOrder = order ? text.normalize('NFKC').replace(order[0], ' ') : text;
    const phone = /\d{7,}|\+\d/.test(withoutOrder) ? parsePhoneFor(withoutOrder, locale) : undefined;
    if (phone) slots.phone = phone.e164;
    const product = this.products.find(text);
    if (product) slots.product = product.sku;
    const [quantity] = quantitiesIn(withoutOrder);
    if (quantity) slots.quantity = quantity;
    const payment = this.payment.find((p) => p.words.some((w) => n.includes(w)));
    if (payment) slots.payment = payment.value;
    const address = extractAddress(phone ? withoutOrder.replace(/\+?\d[\d\s-]{6,}\d/g, ' ') : withoutOrder);
    if (address) slots.address = address;
    const date = DATE.exec(n.replace(/\d{3,}/g, ' '));
    if (date) slots.date = clauseOf(text, date.index) ?? date[0];
    const intro = NAME_INTRO.exec(text.normalize('NFKC'));
    const name = intro ? parsePersonName(intro[1]) : undefined;
    if (name) slots.name = name;
    return slots;
  }
}

/** The clause of the original text around a position found in its normalised form (same length in most text). */
function clauseOf(text: string, index: number): string | undefined {
  const clauses = text.split(/([,，。；;!！?？\n])/);
  let at = 0;
  for (const c of clauses) {
    if (index >= at && index < at + c.length) return c.trim() || undefined;
    at += c.length;
  }
  return undefined;
}
