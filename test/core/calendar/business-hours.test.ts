import { BusinessHoursError, isOpen, nextOpening, parseBusinessHours } from '../../../src/core/calendar/business-hours';
import { AppError } from '../../../src/errors';

const SHANGHAI = 'Asia/Shanghai';
// 2026-02-20 is a Friday. Times below are written in Shanghai time (+08:00).
const at = (local: string) => new Date(`${local}+08:00`);

describe('parseBusinessHours', () => {
  it('reads day ranges, single days and several intervals a day', () => {
    const hours = parseBusinessHours('mon-fri 09:00-12:00, 13:30-18:00; sat 10:00-16:00');
    expect(hours.days[1]).toEqual([{ start: 540, end: 720 }, { start: 810, end: 1080 }]);
    expect(hours.days[6]).toEqual([{ start: 600, end: 960 }]);
    expect(hours.days[0]).toEqual([]);
  });

  it('reads the default setting, day lists, full names, a wrapping range and 24:00', () => {
    expect(parseBusinessHours('mon-sun 09:00-21:00').days.every((d) => d.length === 1)).toBe(true);
    expect(parseBusinessHours('Saturday,SUN 00:00-24:00').days[0]).toEqual([{ start: 0, end: 1440 }]);
    const wrapping = parseBusinessHours('fri-mon 10:00-11:00');
    expect(wrapping.days.map((d) => d.length)).toEqual([1, 1, 0, 0, 0, 1, 1]);
  });

  it('tolerates spaces around dashes and full-width colons', () => {
    expect(parseBusinessHours('mon - fri 09：00-18：00').days[3]).toEqual([{ start: 540, end: 1080 }]);
  });

  it.each([
    ['', 'names no opening hours'],
    ['mon-fri', '"mon-fri" has no time range'],
    ['mon-fri 9-18', '"mon-fri 9-18" has a malformed time range "9-18"'],
    ['mon-fri 09:00-18:00; funday 10:00-12:00', 'unknown day "funday"'],
    ['mon-fri 25:00-26:00', 'outside 00:00-24:00'],
    ['fri 22:00-02:00', 'overnight ranges are not supported'],
    ['mon-tue-wed 09:00-18:00', 'malformed day range "mon-tue-wed"'],
  ])('rejects %j with a message naming the bad part', (text, message) => {
    expect(() => parseBusinessHours(text)).toThrow(message);
  });

  it('throws a validation AppError that carries the bad segment', () => {
    try {
      parseBusinessHours('mon 09:00-18:00; sat 10-16');
      throw new Error('expected parseBusinessHours to throw');
    } catch (error) {
      expect(error).toBeInstanceOf(BusinessHoursError);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, part: 'sat 10-16' });
    }
  });
});

describe('isOpen', () => {
  const hours = parseBusinessHours('mon-fri 09:00-12:00,13:30-18:00; sat 10:00-16:00');

  it('is open inside a weekday interval and closed over lunch', () => {
    expect(isOpen(hours, at('2026-02-20T09:00:00'), SHANGHAI)).toBe(true);
    expect(isOpen(hours, at('2026-02-20T12:30:00'), SHANGHAI)).toBe(false);
    expect(isOpen(hours, at('2026-02-20T17:59:59'), SHANGHAI)).toBe(true);
  });

  it('closes at the closing minute itself', () => {
    expect(isOpen(hours, at('2026-02-20T18:00:00'), SHANGHAI)).toBe(false);
  });

  it('keeps Saturday hours and closes on Sunday', () => {
    expect(isOpen(hours, at('2026-02-21T11:00:00'), SHANGHAI)).toBe(true);
    expect(isOpen(hours, at('2026-02-22T11:00:00'), SHANGHAI)).toBe(false);
  });

  it('reads the hours on the clock of the given time zone', () => {
    // Friday 10:00 in Shanghai is Friday 02:00 in London: closed there.
    expect(isOpen(hours, at('2026-02-20T10:00:00'), 'Europe/London')).toBe(false);
    expect(isOpen(hours, new Date('2026-02-20T10:00:00Z'), 'Europe/London')).toBe(true);
  });
});

describe('nextOpening', () => {
  const hours = parseBusinessHours('mon-fri 09:00-12:00,13:30-18:00; sat 10:00-16:00');

  it('is now when already open', () => {
    const now = at('2026-02-20T10:15:00');
    expect(nextOpening(hours, now, SHANGHAI)).toBe(now);
  });

  it('is later the same day before opening and over lunch', () => {
    expect(nextOpening(hours, at('2026-02-20T07:00:00'), SHANGHAI)).toEqual(at('2026-02-20T09:00:00'));
    expect(nextOpening(hours, at('2026-02-20T12:00:00'), SHANGHAI)).toEqual(at('2026-02-20T13:30:00'));
  });

  it('skips from Friday evening to Saturday, and from Saturday evening over Sunday to Monday', () => {
    expect(nextOpening(hours, at('2026-02-20T19:00:00'), SHANGHAI)).toEqual(at('2026-02-21T10:00:00'));
    expect(nextOpening(hours, at('2026-02-21T16:00:00'), SHANGHAI)).toEqual(at('2026-02-23T09:00:00'));
  });

  it('waits a full week when the only opening has just passed', () => {
    const weekly = parseBusinessHours('fri 09:00-10:00');
    expect(nextOpening(weekly, at('2026-02-20T10:00:00'), SHANGHAI)).toEqual(at('2026-02-27T09:00:00'));
  });

  it('opens at local time in another zone, across its daylight-saving change', () => {
    const newYork = parseBusinessHours('mon-fri 09:00-17:00');
    // Saturday 2026-03-07 in New York (EST); Monday 2026-03-09 is already EDT (-04:00).
    expect(nextOpening(newYork, new Date('2026-03-07T15:00:00Z'), 'America/New_York')).toEqual(
      new Date('2026-03-09T13:00:00Z'),
    );
  });

  it('refuses a hand-made schedule with no hours at all', () => {
    expect(() => nextOpening({ days: [[], [], [], [], [], [], []] }, new Date(), SHANGHAI)).toThrow(BusinessHoursError);
  });
});
