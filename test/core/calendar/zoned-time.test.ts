import { instantAt, zonedDate, zonedDateTime } from '../../../src/core/calendar/zoned-time';

describe('zoned time', () => {
  it('reads the wall clock of the given zone', () => {
    expect(zonedDateTime(new Date('2026-02-16T16:30:00Z'), 'Asia/Shanghai')).toEqual({
      year: 2026, month: 2, day: 17, hour: 0, minute: 30, second: 0, weekday: 2,
    });
  });

  it('shows midnight as hour 0, not 24', () => {
    expect(zonedDateTime(new Date('2026-02-16T16:00:00Z'), 'Asia/Shanghai').hour).toBe(0);
  });

  it('gives the local calendar day, which differs between zones at the same instant', () => {
    const instant = new Date('2026-01-02T17:00:00Z');
    expect(zonedDate(instant, 'Asia/Shanghai')).toEqual({ year: 2026, month: 1, day: 3 });
    expect(zonedDate(instant, 'America/New_York')).toEqual({ year: 2026, month: 1, day: 2 });
  });

  it('finds the instant a local wall time happens', () => {
    expect(instantAt({ year: 2026, month: 2, day: 17, hour: 9, minute: 0 }, 'Asia/Shanghai').toISOString()).toBe(
      '2026-02-17T01:00:00.000Z',
    );
  });

  it('uses the offset in force on that day across daylight saving', () => {
    const winter = instantAt({ year: 2026, month: 1, day: 15, hour: 9, minute: 0 }, 'America/New_York');
    const summer = instantAt({ year: 2026, month: 7, day: 15, hour: 9, minute: 0 }, 'America/New_York');
    expect(winter.toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(summer.toISOString()).toBe('2026-07-15T13:00:00.000Z');
  });

  it('finds a wall time just after the clocks went forward, where the first offset guess is wrong', () => {
    // New York springs forward at 07:00Z on 2026-03-08; 03:30 that morning is already EDT (-04:00).
    const instant = instantAt({ year: 2026, month: 3, day: 8, hour: 3, minute: 30 }, 'America/New_York');
    expect(instant.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('moves a wall time skipped by the spring-forward gap to a real instant', () => {
    const instant = instantAt({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    const wall = zonedDateTime(instant, 'America/New_York');
    expect(wall.day).toBe(8);
    expect([1, 3]).toContain(wall.hour);
  });

  it('rejects an unknown time zone', () => {
    expect(() => zonedDate(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});
