import type { Locale } from '../../core/message';

const INTL_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-CN', 'zh-TW': 'zh-TW', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

/** "11月23日 14:30" / "23 Nov, 14:30" in the company time zone (formatters built once each). */
export function formatDateTime(date: Date, locale: Locale, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, month: 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
    cache.set(key, f);
  }
  return f.format(date);
}

/** Fen to "298.00". */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

const dateCache = new Map<string, Intl.DateTimeFormat>();

/** "2026年12月15日" / "15 Dec 2026" in the company time zone. */
export function formatDate(date: Date, locale: Locale, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let f = dateCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, year: 'numeric', month: 'short', day: 'numeric' });
    dateCache.set(key, f);
  }
  return f.format(date);
}
