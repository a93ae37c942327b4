import {
  addDays,
  compareCalendarDates,
  formatIsoDate,
  isValidCalendarDate,
  weekdayOf,
} from '../../../src/core/calendar/calendar-date';

describe('calendar dates', () => {
  it('knows real days from impossible ones, leap years included', () => {
    expect(isValidCalendarDate({ year: 2028, month: 2, day: 29 })).toBe(true);
    expect(isValidCalendarDate({ year: 2026, month: 2, day: 29 })).toBe(false);
    expect(isValidCalendarDate({ year: 2026, month: 13, day: 1 })).toBe(false);
    expect(isValidCalendarDate({ year: 2026, month: 4, day: 0 })).toBe(false);
    expect(isValidCalendarDate({ year: 2026, month: 4, day: 1.5 })).toBe(false);
  });

  it('adds days across month and year ends, forwards and backwards', () => {
    expect(addDays({ year: 2025, month: 12, day: 31 }, 1)).toEqual({ year: 2026, month: 1, day: 1 });
    expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
  });

  it('names the weekday with Sunday as 0', () => {
    expect(weekdayOf({ year: 2026, month: 2, day: 17 })).toBe(2);
    expect(weekdayOf({ year: 2026, month: 2, day: 22 })).toBe(0);
  });

  it('writes dates as zero-padded ISO dates', () => {
    expect(formatIsoDate({ year: 2026, month: 1, day: 5 })).toBe('2026-01-05');
  });

  it('orders dates by year, then month, then day', () => {
    const a = { year: 2026, month: 1, day: 31 };
    const b = { year: 2026, month: 2, day: 1 };
    expect(compareCalendarDates(a, b)).toBeLessThan(0);
    expect(compareCalendarDates(b, a)).toBeGreaterThan(0);
    expect(compareCalendarDates(a, { ...a })).toBe(0);
  });
});
