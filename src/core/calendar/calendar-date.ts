/** A day on the wall calendar, with no time and no zone; month is 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

// Calendar arithmetic runs on UTC timestamps, where every day has 24 hours and no zone interferes.
function toUtc(date: CalendarDate): Date {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day));
  // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly to keep them.
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  return utc;
}

function fromUtc(utc: Date): CalendarDate {
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/** True when the parts name a real day ('2026-02-30' and month 13 do not). */
export function isValidCalendarDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  if (![year, month, day].every(Number.isInteger)) return false;
  const round = fromUtc(toUtc(date));
  return round.year === year && round.month === month && round.day === day;
}

/** The day `days` after (or, negative, before) `date`, across month and year ends. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return fromUtc(utc);
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay counts. */
export function weekdayOf(date: CalendarDate): number {
  return toUtc(date).getUTCDay();
}

/** 'YYYY-MM-DD' (ISO 8601), the form dates are stored and compared in. */
export function formatIsoDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
