import type { BusinessHours } from './business-hours';

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
// Monday first, as customers read a week.
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/**
 * The business hours in the customer's words: "每天 09:00–21:00", "周一至周五 09:00–18:00；周六
 * 10:00–16:00", "every day 09:00–21:00". Texts: common:hours_every_day, hours_days, hours_day,
 * hours_closed_rest, weekday_<0-6>.
 */
export function formatBusinessHours(hours: BusinessHours, t: (key: string, values?: Record<string, unknown>) => string): string {
  const times = (d: number) => hours.days[d].map((r) => `${hhmm(r.start)}–${hhmm(r.end)}`).join(', ');
  if (WEEK.every((d) => times(d) === times(1)) && times(1)) return t('common:hours_every_day', { times: times(1) });
  const groups: { from: number; to: number; times: string }[] = [];
  for (const d of WEEK) {
    const last = groups[groups.length - 1];
    if (last && last.times === times(d)) last.to = d;
    else groups.push({ from: d, to: d, times: times(d) });
  }
  return groups
    .filter((g) => g.times)
    .map((g) => t(g.from === g.to ? 'common:hours_day' : 'common:hours_days', { from: t(`common:weekday_${g.from}`), to: t(`common:weekday_${g.to}`), times: g.times }))
    .join(t('common:list_separator'));
}
