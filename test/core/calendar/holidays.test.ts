import { holidayOn } from '../../../src/core/calendar/holidays';

// Noon in Shanghai on the given day, so the UTC date is the local date too.
const day = (ymd: string) => new Date(`${ymd}T04:00:00Z`);

describe('holidayOn', () => {
  it.each(['2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2030-02-03'])(
    'greets the Spring Festival on lunar new year %s',
    (date) => {
      expect(holidayOn(day(date))).toBe('springFestival');
    },
  );

  it.each(['2024-09-17', '2025-10-06', '2026-09-25', '2027-09-15'])('greets the Mid-Autumn Festival on %s', (date) => {
    expect(holidayOn(day(date))).toBe('midAutumn');
  });

  it('names the Mid-Autumn Festival when it falls in the National Day week', () => {
    expect(holidayOn(day('2025-10-06'))).toBe('midAutumn');
    expect(holidayOn(day('2025-10-05'))).toBe('nationalDay');
  });

  it('names the Mid-Autumn Festival when it falls on 1 October itself', () => {
    expect(holidayOn(day('2020-10-01'))).toBe('midAutumn');
  });

  it('keeps the Spring Festival greeting until the seventh day of the lunar year, not on New Year’s Eve', () => {
    expect(holidayOn(day('2026-02-16'))).toBeUndefined();
    expect(holidayOn(day('2026-02-23'))).toBe('springFestival');
    expect(holidayOn(day('2026-02-24'))).toBeUndefined();
  });

  it.each([
    ['2026-01-01', 'newYear'],
    ['2026-05-01', 'labourDay'],
    ['2026-10-01', 'nationalDay'],
    ['2026-10-07', 'nationalDay'],
  ])('greets %s as %s', (date, holiday) => {
    expect(holidayOn(day(date))).toBe(holiday);
  });

  it.each(['2026-03-10', '2026-05-02', '2026-10-08', '2026-12-31'])('has no holiday on the ordinary day %s', (date) => {
    expect(holidayOn(day(date))).toBeUndefined();
  });

  it('reads the day in Shanghai by default, where 16:30 UTC is already the next day', () => {
    expect(holidayOn(new Date('2026-02-16T16:30:00Z'))).toBe('springFestival');
    expect(holidayOn(new Date('2026-02-16T15:59:00Z'))).toBeUndefined();
  });

  it('reads the day in the time zone it is given', () => {
    expect(holidayOn(new Date('2026-02-16T16:30:00Z'), 'Europe/London')).toBeUndefined();
    expect(holidayOn(new Date('2026-02-17T04:30:00Z'), 'America/Los_Angeles')).toBeUndefined();
    expect(holidayOn(new Date('2026-02-17T09:00:00Z'), 'America/Los_Angeles')).toBe('springFestival');
  });
});
