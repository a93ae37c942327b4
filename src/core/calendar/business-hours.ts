import { AppError } from '../../errors';
import { addDays } from './calendar-date';
import { instantAt, zonedDateTime } from './zoned-time';

/** Opening intervals per weekday (0 = Sunday), minutes from local midnight, start inclusive. */
export interface BusinessHours {
  readonly days: ReadonlyArray<ReadonlyArray<{ readonly start: number; readonly end: number }>>;
}

/** The business-hours text is malformed; `part` is the piece at fault, quoted in the message. */
export class BusinessHoursError extends AppError {
  constructor(
    readonly part: string,
    readonly reason: string,
  ) {
    super('VALIDATION_FAILED', `Business hours: "${part}" ${reason}`, { details: { part, reason } });
    this.name = 'BusinessHoursError';
  }
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const TIME_RANGE = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;

function dayIndex(name: string, segment: string): number {
  const index = Math.max(DAY_NAMES.indexOf(name), FULL_DAY_NAMES.indexOf(name));
  if (index < 0) throw new BusinessHoursError(segment, `has an unknown day "${name}" (use mon, tue, … sun)`);
  return index;
}

/** 'mon-fri' (wrapping: 'fri-mon' is Fri, Sat, Sun, Mon), 'sat', 'sat,sun' → weekday numbers. */
function parseDays(spec: string, segment: string): number[] {
  const days = new Set<number>();
  for (const item of spec.split(',')) {
    const [from, to, extra] = item.split('-');
    if (extra !== undefined) throw new BusinessHoursError(segment, `has a malformed day range "${item}"`);
    const first = dayIndex(from, segment);
    const last = to === undefined ? first : dayIndex(to, segment);
    for (let d = first; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
  }
  return [...days];
}

function parseRange(text: string, segment: string): { start: number; end: number } {
  const match = TIME_RANGE.exec(text);
  if (!match) throw new BusinessHoursError(segment, `has a malformed time range "${text}" (use HH:MM-HH:MM)`);
  const [h1, m1, h2, m2] = match.slice(1).map(Number);
  const start = h1 * 60 + m1;
  const end = h2 * 60 + m2;
  if (h1 > 23 || m1 > 59 || m2 > 59 || end > 24 * 60) {
    throw new BusinessHoursError(segment, `has a time outside 00:00-24:00 in "${text}"`);
  }
  if (end <= start) {
    throw new BusinessHoursError(segment, `has "${text}" ending before it starts (overnight ranges are not supported; split them at 24:00)`);
  }
  return { start, end };
}

/**
 * Parses the BUSINESS_HOURS setting once, e.g. 'mon-fri 09:00-12:00,13:30-18:00; sat 10:00-16:00'.
 * Segments split by ';'; each is days (mon…sun or full names, ranges, comma lists) then one or
 * more HH:MM-HH:MM ranges (end up to 24:00, no overnight). Unlisted days are closed; ranges that
 * overlap simply merge. Throws BusinessHoursError (VALIDATION_FAILED) naming the bad segment.
 */
export function parseBusinessHours(text: string): BusinessHours {
  const days: { start: number; end: number }[][] = [[], [], [], [], [], [], []];
  const segments = text
    .normalize('NFKC')
    .toLowerCase()
    .split(';')
    // 'mon - fri 09:00-12:00, 13:30-18:00' → 'mon-fri 09:00-12:00,13:30-18:00'
    .map((s) => s.trim().replace(/\s*([-,])\s*/g, '$1'))
    .filter((s) => s !== '');
  if (segments.length === 0) throw new BusinessHoursError(text, 'names no opening hours');
  for (const segment of segments) {
    const [daySpec, ...rest] = segment.split(/\s+/);
    const ranges = rest.join('').split(',').filter((r) => r !== '');
    if (ranges.length === 0) throw new BusinessHoursError(segment, 'has no time range after the days');
    const parsed = ranges.map((r) => parseRange(r, segment));
    for (const day of parseDays(daySpec, segment)) days[day].push(...parsed);
  }
  for (const intervals of days) intervals.sort((a, b) => a.start - b.start);
  return Object.freeze({ days: Object.freeze(days.map((d) => Object.freeze(d))) });
}

/** Whether the service is staffed at `instant`, read on the wall clock of `timeZone`. */
export function isOpen(hours: BusinessHours, instant: Date, timeZone: string): boolean {
  const now = zonedDateTime(instant, timeZone);
  const minute = now.hour * 60 + now.minute;
  return hours.days[now.weekday].some((i) => i.start <= minute && minute < i.end);
}

/**
 * When agents are next on duty ("humans are back at …"): `instant` itself if open now, else the
 * start of the next opening interval on the wall clock of `timeZone`.
 */
export function nextOpening(hours: BusinessHours, instant: Date, timeZone: string): Date {
  if (isOpen(hours, instant, timeZone)) return instant;
  const now = zonedDateTime(instant, timeZone);
  const minuteNow = now.hour * 60 + now.minute;
  // Eight days: today's later intervals, the next six days, and today's weekday a week on.
  for (let offset = 0; offset <= 7; offset++) {
    const date = addDays(now, offset);
    const weekday = (now.weekday + offset) % 7;
    const interval = hours.days[weekday].find((i) => offset > 0 || i.start > minuteNow);
    if (interval) {
      return instantAt({ ...date, hour: Math.floor(interval.start / 60), minute: interval.start % 60 }, timeZone);
    }
  }
  // parseBusinessHours never builds a week without hours; only a hand-made value gets here.
  throw new BusinessHoursError('(schedule)', 'has no opening interval on any day');
}
