import { locale, tOr } from './i18n';

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

/** Clock time today, date and time otherwise, in the console's language. */
export function when(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const lang = locale();
  const today = new Date().toDateString() === d.toDateString();
  return today
    ? d.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString(lang, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** The channel's display name ("网站", "企业微信"…). */
export function channelName(channel: string | undefined): string {
  return channel ? tOr(`channel_${channel}`, channel) : '';
}

/** Money kept in fen, shown in yuan: 29800 → "¥298.00". */
export function yuanFromFen(fen: unknown): string {
  const n = Number(fen);
  return Number.isFinite(n) ? `¥${(n / 100).toFixed(2)}` : '';
}
