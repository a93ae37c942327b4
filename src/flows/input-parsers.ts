import type { Locale } from '../core/message';
import { normalizeForMatching } from '../core/text/normalize';
import { parseQuantity } from '../core/text/numerals';
import { parsePhone } from '../core/text/phone';
import { parseYesNo } from '../core/text/yes-no';
import { parseDateInput } from '../core/text/date-parse';
import type { StepOf } from './flow-schema';
import type { Catalogue } from './catalogue';

export type Parsed = { ok: true; value: unknown } | { ok: false };

const NO = { ok: false } as const;

/** Picks an option by pressed value, its number ("2", "２", "二"), its label, or a synonym. */
export function matchOption(
  input: { text: string; choice?: string },
  options: { value: string; label: string }[],
  synonyms: Record<string, string[]> = {},
): string | undefined {
  if (input.choice && options.some((o) => o.value === input.choice)) return input.choice;
  const text = normalizeForMatching(input.text);
  if (!text) return undefined;
  const index = /^\d{1,2}$/.test(text) ? Number(text) : text.length <= 2 ? parseQuantity(text) : undefined;
  if (index !== undefined && index >= 1 && index <= options.length) return options[index - 1].value;
  const exact = options.find((o) => normalizeForMatching(o.label) === text || o.value.toLowerCase() === text);
  if (exact) return exact.value;
  for (const [value, words] of Object.entries(synonyms)) {
    if (words.some((w) => text.includes(normalizeForMatching(w)))) return value;
  }
  return options.find((o) => {
    const label = normalizeForMatching(o.label);
    return label.length >= 2 && (text.includes(label) || (text.length >= 2 && label.includes(text)));
  })?.value;
}

/** Validates an answer to an ask step by its type; the value is what gets saved. */
export function parseAnswer(
  step: StepOf<'ask'>,
  input: { text: string; choice?: string },
  ctx: { locale: Locale; now: Date; timeZone: string; catalogue: Catalogue; labels: { value: string; label: string }[] },
): Parsed {
  const text = input.text.trim();
  switch (step.type) {
    case 'text': {
      const max = step.maxLength ?? 500;
      return text.length >= (step.minLength ?? 1) && text.length <= max ? { ok: true, value: text } : NO;
    }
    case 'number': {
      const n = parseQuantity(text);
      if (n === undefined || (step.min !== undefined && n < step.min) || (step.max !== undefined && n > step.max)) return NO;
      return { ok: true, value: n };
    }
    case 'phone': {
      const phone = parsePhone(text, ctx.locale === 'zh-TW' ? 'TW' : 'CN');
      return phone ? { ok: true, value: phone.e164 } : NO;
    }
    case 'yesno': {
      if (input.choice === 'yes' || input.choice === 'no') return { ok: true, value: input.choice === 'yes' };
      const yes = parseYesNo(text);
      return yes === undefined ? NO : { ok: true, value: yes };
    }
    case 'date': {
      const date = parseDateInput(text, ctx.now, ctx.timeZone);
      return date ? { ok: true, value: date } : NO;
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
