import type { CalendarDate } from './calendar-date';

/** The wall-clock reading of an instant in one time zone; weekday 0 = Sunday … 6 = Saturday. */
export interface ZonedDateTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept for the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * What a clock and calendar in `timeZone` (IANA name, e.g. 'Asia/Shanghai') show at `instant`.
 * Throws a RangeError for an unknown zone.
 */
export function zonedDateTime(instant: Date, timeZone: string): ZonedDateTime {
  const parts: Record<string, string> = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(instant)) parts[type] = value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/** The calendar day it is in `timeZone` at `instant`. */
export function zonedDate(instant: Date, timeZone: string): CalendarDate {
  const { year, month, day } = zonedDateTime(instant, timeZone);
  return { year, month, day };
}

/** How far the zone's wall clock is ahead of UTC at `epochMs`, in milliseconds. */
function offsetAt(epochMs: number, timeZone: string): number {
  const wall = zonedDateTime(new Date(epochMs), timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local date and time.
 * Across a daylight-saving change the offset is re-checked once; a time skipped by a spring-forward
 * gap comes out one hour later or earlier (the zone's new offset), which is right for openings.
 */
export function instantAt(local: CalendarDate & { hour: number; minute: number }, timeZone: string): Date {
  const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  const second = wallAsUtc - offsetAt(first, timeZone);
  return new Date(second);
}
