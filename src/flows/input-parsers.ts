import type { Locale } from '../core/message';
import { normalizeForMatching } from '../core/text/normalize';
import { parseOptionNumber } from '../core/text/option-number';
import { parseQuantityAnswer } from '../core/text/quantity';
import { parsePhoneFor } from '../core/text/phone';
import { parseYesNo } from '../core/text/yes-no';
import { parseDateInput } from '../core/text/date-parse';
import { parsePersonName } from '../core/text/person-name';
import { looksLikeAddress } from '../core/text/address';
import { isQuestion } from '../core/text/question';
import type { StepOf } from './flow-schema';
import type { Catalogue } from './catalogue';

/** A valid answer's value, and values that come with it (the unit of "两箱", the gender of "陈女士"). */
export type Parsed = { ok: true; value: unknown; extra?: Record<string, unknown> } | { ok: false };

const NO = { ok: false } as const;
// Free text that only refuses or cancels is no description ("算了", "不想说").
const REFUSAL = /^(?:算了|不想说|不告诉你?|不方便|没什么|无可奉告|不知道|no comment|rather not say|never mind)[\s\p{P}]*$/iu;

/**
 * Picks an option by pressed value, its number ("2", "２", "二", "第二个", "the second one"), its
 * label, a synonym, or a label inside the words. Numbers are read strictly: "两瓶" is no option 2.
 */
export function matchOption(input: { text: string; choice?: string }, options: { value: string; label: string }[], synonyms: Record<string, string[]> = {}): string | undefined {
  if (input.choice && options.some((o) => o.value === input.choice)) return input.choice;
  const text = normalizeForMatching(input.text);
  if (!text) return undefined;
  const index = parseOptionNumber(text);
  if (index !== undefined) return index >= 1 && index <= options.length ? options[index - 1].value : undefined;
  const exact = options.find((o) => normalizeForMatching(o.label) === text || o.value.toLowerCase() === text);
  if (exact) return exact.value;
  // The longest synonym found wins: "不满意" is not "满意", "非常满意" is not "满意".
  let best: { value: string; length: number } | undefined;
  for (const [value, words] of Object.entries(synonyms)) {
    for (const w of words.map(normalizeForMatching)) if (text.includes(w) && (!best || w.length > best.length)) best = { value, length: w.length };
  }
  if (best) return best.value;
  return options.find((o) => {
    const label = normalizeForMatching(o.label);
    return label.length >= 2 && (text.includes(label) || (text.length >= 2 && label.includes(text)));
  })?.value;
}

export interface ParseContext {
  locale: Locale;
  now: Date;
  timeZone: string;
  catalogue: Catalogue;
  /** The options shown with the question (numbered on text channels). */
  labels: { value: string; label: string }[];
}

/** Validates an answer to an ask step by its type; the value is what gets saved. */
export function parseAnswer(step: StepOf<'ask'>, input: { text: string; choice?: string; attachments?: { kind: string }[] }, ctx: ParseContext): Parsed {
  const text = input.text.trim();
  switch (step.type) {
    case 'text': {
      const max = step.maxLength ?? 500;
      if (REFUSAL.test(normalizeForMatching(text))) return NO;
      return text.length >= (step.minLength ?? 1) && text.length <= max ? { ok: true, value: text } : NO;
    }
    case 'number': {
      const picked = ctx.labels.length ? matchOption(input, ctx.labels, step.synonyms) : undefined;
      const quantity = picked !== undefined && !Number.isNaN(Number(picked)) ? { value: Number(picked) } : parseQuantityAnswer(text);
      const n = quantity?.value;
      if (n === undefined || (step.min !== undefined && n < step.min) || (step.max !== undefined && n > step.max)) return NO;
      return { ok: true, value: n, extra: quantity?.unit ? { [`${step.save}Unit`]: quantity.unit } : { [`${step.save}Unit`]: undefined } };
    }
    case 'phone': {
      const phone = parsePhoneFor(text, ctx.locale);
      return phone ? { ok: true, value: phone.e164 } : NO;
    }
    case 'yesno': {
      const picked = matchOption(input, ctx.labels);
      if (picked === 'yes' || picked === 'no') return { ok: true, value: picked === 'yes' };
      const yes = parseYesNo(text);
      return yes === undefined ? NO : { ok: true, value: yes };
    }
    case 'date': {
      const date = parseDateInput(text, ctx.now, ctx.timeZone);
      return date ? { ok: true, value: date } : NO;
    }
    case 'name': {
      const person = parsePersonName(text);
      if (!person || person.name.length > (step.maxLength ?? 50)) return NO;
      return { ok: true, value: person.name, extra: person.gender ? { gender: person.gender } : undefined };
    }
    case 'address': {
      if (isQuestion(text) || !looksLikeAddress(text)) return NO;
      return text.length >= (step.minLength ?? 4) && text.length <= (step.maxLength ?? 500) ? { ok: true, value: text } : NO;
    }
    case 'photo': {
      // A picture is the answer (its caption rides along); an offered option or a plain "no" is none.
      const pictures = (input.attachments ?? []).filter((a) => a.kind === 'image').length;
      if (pictures) return { ok: true, value: pictures };
      if ((ctx.labels.length && matchOption(input, ctx.labels, step.synonyms)) || parseYesNo(text) === false) return { ok: true, value: 0 };
      return NO;
    }
    case 'choice': {
      if (step.optionsFrom === 'catalogue') {
        const bySku = input.choice ? ctx.catalogue.get(input.choice) : undefined;
        const picked = bySku?.sku ?? matchOption(input, ctx.labels) ?? ctx.catalogue.find(text)?.sku;
        return picked ? { ok: true, value: picked } : NO;
      }
      const value = matchOption(input, ctx.labels, step.synonyms);
      return value ? { ok: true, value } : NO;
    }
  }
}
