import type { BusinessHours } from '../../core/calendar/business-hours';
import { addDays } from '../../core/calendar/calendar-date';
import { instantAt, zonedDate } from '../../core/calendar/zoned-time';

/** Beyond this many days a duration is counted on the calendar clock (a case left open for months). */
const MAX_DAYS = 62;

/**
 * Seconds between two instants that fall within business hours (BUSINESS_HOURS in the company's
 * zone): a message at 22:00 answered at 09:05 the next morning waited five minutes of business
 * time when the desk opens at 09:00.
 */
export function businessSeconds(hours: BusinessHours, from: Date, to: Date, timeZone: string): number {
  if (to <= from) return 0;
  if (to.getTime() - from.getTime() > MAX_DAYS * 86400_000) return Math.round((to.getTime() - from.getTime()) / 1000);
  let total = 0;
  const first = zonedDate(from, timeZone);
  for (let offset = 0; offset <= MAX_DAYS + 1; offset++) {
    const date = addDays(first, offset);
    const dayBegin = instantAt({ ...date, hour: 0, minute: 0 }, timeZone);
    if (dayBegin >= to) break;
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    for (const i of hours.days[weekday]) {
      const start = i.start === 0 ? dayBegin : instantAt({ ...date, hour: Math.floor(i.start / 60), minute: i.start % 60 }, timeZone);
      const end = i.end === 1440 ? instantAt({ ...addDays(date, 1), hour: 0, minute: 0 }, timeZone) : instantAt({ ...date, hour: Math.floor(i.end / 60), minute: i.end % 60 }, timeZone);
      const a = Math.max(start.getTime(), from.getTime());
      const b = Math.min(end.getTime(), to.getTime());
      if (b > a) total += b - a;
    }
  }
  return Math.round(total / 1000);
}
