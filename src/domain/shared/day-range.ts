import { addDays, formatIsoDate, weekdayOf } from '../../core/calendar/calendar-date';
import { instantAt } from '../../core/calendar/zoned-time';
import { localDay, reportTimeZone } from './local-day';

/** The instant a local day (YYYY-MM-DD in the company's zone) begins, `plusDays` later. */
export function dayStart(isoDay: string, plusDays = 0, tz = reportTimeZone()): Date {
  const [year, month, day] = isoDay.split('-').map(Number);
  return instantAt({ ...addDays({ year, month, day }, plusDays), hour: 0, minute: 0 }, tz);
}

/** [start, end) of local days `from`..`to` inclusive. */
export function daysRange(from: string, to: string, tz = reportTimeZone()): { start: Date; end: Date } {
  return { start: dayStart(from, 0, tz), end: dayStart(to, 1, tz) };
}

/** [start, end) of a local month (YYYY-MM). */
export function monthRange(month: string, tz = reportTimeZone()): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: dayStart(`${month}-01`, 0, tz), end: dayStart(`${next}-01`, 0, tz) };
}

/** The local month before the one `now` is in (YYYY-MM). */
export function previousMonth(now: Date, tz = reportTimeZone()): string {
  const [y, m] = localDay(now, tz).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The ISO week (YYYY-Www) of a local day. */
export function isoWeek(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((date.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Every local day from `from` to `to` inclusive (YYYY-MM-DD), for chart axes. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  const [y, m, d] = from.split('-').map(Number);
  for (let i = 0; i < 400; i++) {
    const c = addDays({ year: y, month: m, day: d }, i);
    const s = `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
    if (s > to) break;
    out.push(s);
  }
  return out;
}

/** The Monday (YYYY-MM-DD) of the week a local day is in, `weeks` later (negative: earlier). */
export function weekMonday(isoDay: string, weeks = 0): string {
  const [year, month, day] = isoDay.split('-').map(Number);
  const date = { year, month, day };
  const back = (weekdayOf(date) + 6) % 7;
  return formatIsoDate(addDays(date, weeks * 7 - back));
}
