import { parseDateInput } from '../../../src/core/text/date-parse';

// 2026-01-02T17:00Z is 2026-01-03 01:00 in Shanghai but still 2026-01-02 12:00 in New York.
const now = new Date('2026-01-02T17:00:00Z');
const SHANGHAI = 'Asia/Shanghai';

describe('parseDateInput', () => {
  it.each([
    ['2026-11-22', '2026-11-22'],
    ['2026/11/22', '2026-11-22'],
    ['2026.1.5', '2026-01-05'],
    ['2026年11月22日', '2026-11-22'],
    ['２０２６－１１－２２', '2026-11-22'],
    ['2026-11-22 10:00', '2026-11-22'],
    ['22 November 2025', '2025-11-22'],
    ['November 22nd, 2025', '2025-11-22'],
  ])('reads the full date %j as %s', (text, date) => {
    expect(parseDateInput(text, now, SHANGHAI)).toBe(date);
  });

  it.each([
    ['11月22日', '2026-11-22'],
    ['11月22号', '2026-11-22'],
    ['11月22', '2026-11-22'],
    ['十一月二十二号', '2026-11-22'],
    ['３月５日', '2026-03-05'],
    ['Nov 22', '2026-11-22'],
    ['may 5th', '2026-05-05'],
  ])('puts %j, written without a year, in the current year: %s', (text, date) => {
    expect(parseDateInput(text, now, SHANGHAI)).toBe(date);
  });

  it('puts a year-less date in the nearest past or future year when asked to', () => {
    expect(parseDateInput('12月30日', now, SHANGHAI, 'past')).toBe('2025-12-30');
    expect(parseDateInput('1月2日', now, SHANGHAI, 'future')).toBe('2027-01-02');
    expect(parseDateInput('1月3日', now, SHANGHAI, 'past')).toBe('2026-01-03');
    expect(parseDateInput('1月3日', now, SHANGHAI, 'future')).toBe('2026-01-03');
  });

  it.each([
    ['今天', '2026-01-03'],
    ['今日', '2026-01-03'],
    ['昨天', '2026-01-02'],
    ['明天', '2026-01-04'],
    ['前天', '2026-01-01'],
    ['後天', '2026-01-05'],
    ['大前天', '2025-12-31'],
    ['today', '2026-01-03'],
    ['Yesterday', '2026-01-02'],
    ['TOMORROW', '2026-01-04'],
    ['the day before yesterday', '2026-01-01'],
    ['我昨天收到的', '2026-01-02'],
  ])('counts %j from today in the time zone: %s', (text, date) => {
    expect(parseDateInput(text, now, SHANGHAI)).toBe(date);
  });

  it('counts relative days from the local date of the given time zone', () => {
    expect(parseDateInput('今天', now, 'America/New_York')).toBe('2026-01-02');
    expect(parseDateInput('昨天', now, 'America/New_York')).toBe('2026-01-01');
  });

  it('accepts a relative word and the date it names together', () => {
    expect(parseDateInput('today (2026-01-03)', now, SHANGHAI)).toBe('2026-01-03');
  });

  it.each([
    ['an impossible date', '2026-02-30'],
    ['an impossible month', '13月1日'],
    ['two different dates', '2026-11-22 到 2026-11-23'],
    ['two relative days', '昨天和今天'],
    ['digits too long for a year', '12026-11-22'],
    ['no date at all', 'hello'],
    ['the verb may', 'I may come'],
  ])('gives nothing for %s (%j)', (_, text) => {
    expect(parseDateInput(text, now, SHANGHAI)).toBeUndefined();
  });
});
