import { Solar } from 'lunar-typescript';
import { zonedDate } from './zoned-time';

/*
 * Which holiday the opening greeting names (001 §一: 元旦, 春节, 五一, 中秋, 国庆 → "春节好").
 *
 * Assumptions, chosen because a greeting reads as natural during the whole public holiday:
 * - 春节 (springFestival) is lunar 1/1 to 1/7 (初一 to 初七, the traditional greeting week).
 *   除夕 (New Year's Eve) is not included: "春节好" is not said before the new year begins.
 * - 国庆 (nationalDay) is 1–7 October, the golden week.
 * - 元旦 (newYear), 五一 (labourDay) and 中秋 (midAutumn, lunar 8/15) are their single day.
 * - When two fall on one day, the holiday's own day wins over a week's later day (2025-10-06 is
 *   中秋, inside the National Day week); if 中秋 is 1 October itself (2020, 2031) it is named,
 *   as the rarer greeting. Leap months never hold 1/1 or 8/15 (lunar-typescript marks them < 0).
 * Lunar dates come from lunar-typescript, not Intl's chinese calendar, which is a day off in some
 * years.
 */

/** Holidays the greeting knows; the locale files hold their wording. */
export const HOLIDAY_IDS = ['newYear', 'springFestival', 'labourDay', 'midAutumn', 'nationalDay'] as const;
export type HolidayId = (typeof HOLIDAY_IDS)[number];

/** Holidays by calendar day already worked out (the lunar conversion was the greeting's costliest step). */
const byDay = new Map<string, HolidayId | undefined>();

/**
 * The holiday it is at `instant` on the calendar of `timeZone` (default Asia/Shanghai, so
 * 2026-02-16T16:30Z is 2026-02-17, 春节), or undefined on an ordinary day.
 */
export function holidayOn(instant: Date, timeZone = 'Asia/Shanghai'): HolidayId | undefined {
  const { year, month, day } = zonedDate(instant, timeZone);
  const key = `${year}-${month}-${day}`;
  if (!byDay.has(key)) {
    if (byDay.size >= 400) byDay.clear();
    byDay.set(key, holidayOfDay(year, month, day));
  }
  return byDay.get(key);
}

function holidayOfDay(year: number, month: number, day: number): HolidayId | undefined {
  const lunar = Solar.fromYmd(year, month, day).getLunar();
  const lunarMonth = lunar.getMonth();
  const lunarDay = lunar.getDay();

  if (lunarMonth === 1 && lunarDay === 1) return 'springFestival';
  if (lunarMonth === 8 && lunarDay === 15) return 'midAutumn';
  if (month === 1 && day === 1) return 'newYear';
  if (month === 5 && day === 1) return 'labourDay';
  if (month === 10 && day === 1) return 'nationalDay';
  if (lunarMonth === 1 && lunarDay <= 7) return 'springFestival';
  if (month === 10 && day <= 7) return 'nationalDay';
  return undefined;
}
