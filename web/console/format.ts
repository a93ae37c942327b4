import { lang, tOr } from './i18n';

/** "4:05", "1:02:09": a wait or handling time from seconds. */
export function duration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** Seconds since an ISO time (0 when missing or in the future). */
export function secondsSince(iso: string | undefined, now = Date.now()): number {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? 0 : Math.max(0, (now - at) / 1000);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, kind: 'time' | 'dateTime' | 'fullDateTime' | 'date'): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', hour12: false }
        : kind === 'dateTime'
          ? { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }
          : kind === 'fullDateTime'
            ? { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }
            : { year: 'numeric', month: '2-digit', day: '2-digit' };
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

/**
 * When something happened: the clock time today; the date with the time on any earlier day (and
 * the year when it was another year), so a ledger or a transcript is never ambiguous.
 */
export function when(iso: string | undefined, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const locale = lang.value;
  if (d.toDateString() === now.toDateString()) return fmt(locale, 'time').format(d);
  return fmt(locale, d.getFullYear() === now.getFullYear() ? 'dateTime' : 'fullDateTime').format(d);
}

/** A calendar day (no time). */
export function dayOf(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : fmt(lang.value, 'date').format(d);
}

/** The channel's display name ("网站", "企业微信"…). */
export function channelName(channel: string | undefined): string {
  return channel ? tOr(`channel.${channel}`, channel) : '';
}

/** Money kept in fen, shown in yuan: 29800 → "¥298.00". */
export function yuanFromFen(fen: unknown): string {
  const n = Number(fen);
  return Number.isFinite(n) ? `¥${(n / 100).toFixed(2)}` : '';
}

/** Today as YYYY-MM-DD and this month as YYYY-MM in the browser's zone (filter defaults). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
export function thisMonth(): string {
  return today().slice(0, 7);
}
