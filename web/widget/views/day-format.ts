import type { Translate, WidgetLocale } from '../i18n';

/** Local midnight of the day `at` falls on (ms). */
export function dayStart(at: number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** "今天", "昨天", or the date ("3月5日周二"; with the year when it is not this year). */
export function dayLabel(day: number, now: number, locale: WidgetLocale, t: Translate): string {
  const today = dayStart(now);
  if (day === today) return t('today');
  if (day === dayStart(today - 1)) return t('yesterday');
  const otherYear = new Date(day).getFullYear() !== new Date(now).getFullYear();
  return new Date(day).toLocaleDateString(locale, { ...(otherYear ? { year: 'numeric' } : {}), month: 'long', day: 'numeric', weekday: 'short' });
}

/** The time of day as the locale writes it ("09:05", "上午09:05", "09:05 AM"). */
export function timeLabel(at: number, locale: WidgetLocale): string {
  return new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}
