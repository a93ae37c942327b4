import {
  addDays,
  compareCalendarDates,
  formatIsoDate,
  isValidCalendarDate,
  type CalendarDate,
} from '../calendar/calendar-date';
import { zonedDate } from '../calendar/zoned-time';
import { normalizeForMatching } from './normalize';
import { parseInteger } from './numerals';

/** Which year a date written without one falls in. */
export type YearlessPreference = 'current' | 'past' | 'future';

// On normalised text (NFKC, lower case, simplified). Lookarounds keep '12026-11-22' from matching.
const FULL_DATE = /(?<!\d)(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)(?!\d)/g;
const CN_NUMBER = '[\\d零〇一二两三四五六七八九十]{1,3}';
// '11月22日', '11月22号', and '11月22' with the day's 日/号 left off.
const MONTH_DAY = new RegExp(`(?<![\\d年])(${CN_NUMBER})\\s*月\\s*(${CN_NUMBER})(?:\\s*[日号])?`, 'g');
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = `(${MONTHS.join('|')})[a-z]*\\.?`;
const DAY_NUMBER = '(\\d{1,2})(?:st|nd|rd|th)?';
const EN_YEAR = '(?:,?\\s+(\\d{4}))?';
const EN_MONTH_FIRST = new RegExp(`\\b${MONTH_NAME}\\s+${DAY_NUMBER}${EN_YEAR}\\b`, 'g');
const EN_DAY_FIRST = new RegExp(`\\b${DAY_NUMBER}\\s+(?:of\\s+)?${MONTH_NAME}${EN_YEAR}\\b`, 'g');
// Longer words first, so 'day before yesterday' is not read as 'yesterday' and 大前天 not as 前天.
const RELATIVE: [string, number][] = [
  ['day before yesterday', -2], ['day after tomorrow', 2], ['yesterday', -1], ['tomorrow', 1], ['today', 0],
  ['大前天', -3], ['大后天', 3], ['前天', -2], ['后天', 2], ['昨天', -1], ['昨日', -1],
  ['今天', 0], ['今日', 0], ['明天', 1], ['明日', 1],
];
const RELATIVE_WORDS = new RegExp(RELATIVE.map(([w]) => (/^[a-z]/.test(w) ? `\\b${w}\\b` : w)).join('|'), 'g');
const RELATIVE_OFFSET = new Map(RELATIVE);

/** Places a month and day without year in the year the caller prefers, relative to today. */
function placeYearless(month: number, day: number, today: CalendarDate, prefer: YearlessPreference): CalendarDate {
  const date = { year: today.year, month, day };
  const order = compareCalendarDates(date, today);
  if (prefer === 'past' && order > 0) return { ...date, year: today.year - 1 };
  if (prefer === 'future' && order < 0) return { ...date, year: today.year + 1 };
  return date;
}

/** Every date the text names; invalid ones (2026-02-30) as undefined. */
function datesIn(text: string, today: CalendarDate, prefer: YearlessPreference): (CalendarDate | undefined)[] {
  const found: (CalendarDate | undefined)[] = [];
  const check = (date: CalendarDate) => found.push(isValidCalendarDate(date) ? date : undefined);
  const yearless = (month: number | undefined, day: number | undefined) =>
    month && day ? check(placeYearless(month, day, today, prefer)) : found.push(undefined);

  let rest = text.replace(FULL_DATE, (_, y: string, m1?: string, d1?: string, m2?: string, d2?: string) => {
    check({ year: Number(y), month: Number(m1 ?? m2), day: Number(d1 ?? d2) });
    return ' ';
  });
  rest = rest.replace(MONTH_DAY, (_, m: string, d: string) => {
    yearless(parseInteger(m), parseInteger(d));
    return ' ';
  });
  for (const pattern of [EN_MONTH_FIRST, EN_DAY_FIRST]) {
    // The year group is undefined when absent, hence the optional types.
    rest = rest.replace(pattern, (...groups: (string | undefined)[]) => {
      const [monthName, day, year] = pattern === EN_MONTH_FIRST ? groups.slice(1, 4) : [groups[2], groups[1], groups[3]];
      const month = MONTHS.indexOf(String(monthName).slice(0, 3)) + 1;
      if (year) check({ year: Number(year), month, day: Number(day) });
      else yearless(month, Number(day));
      return ' ';
    });
  }
  for (const [word] of rest.matchAll(RELATIVE_WORDS)) found.push(addDays(today, RELATIVE_OFFSET.get(word) ?? 0));
  return found;
}

/**
 * The calendar date a customer means, as 'YYYY-MM-DD': '2026-11-22', '2026/11/22', '2026年11月22日',
 * '11月22日', '十一月二十二号', 'Nov 22', '22 November 2026', '今天', '昨天', '明天', '前天', '后天',
 * 'today', 'yesterday', 'tomorrow' (traditional and full-width forms too). Relative words count from
 * today in `timeZone` at `now`. A date without year is put in this year, or with `prefer` 'past' /
 * 'future' in the nearest such year ('12月30日' said on 2 January is last year's for 'past').
 * Undefined when no date, an impossible date, or two different dates are found.
 */
export function parseDateInput(
  text: string,
  now: Date,
  timeZone: string,
  prefer: YearlessPreference = 'current',
): string | undefined {
  const dates = datesIn(normalizeForMatching(text), zonedDate(now, timeZone), prefer);
  if (dates.length === 0 || dates.some((d) => d === undefined)) return undefined;
  const distinct = new Set(dates.map((d) => formatIsoDate(d as CalendarDate)));
  return distinct.size === 1 ? [...distinct][0] : undefined;
}
