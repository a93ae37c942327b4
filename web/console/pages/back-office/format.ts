import { dayOf, when } from '../../format';

/** Fen as yuan: 4800000 → "¥48,000.00". */
export function yuan(fen: number | undefined | null): string {
  if (typeof fen !== 'number') return '';
  return `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Yuan typed by a person ("50", "50.5") as whole fen, or undefined. */
export function fenOf(text: string): number | undefined {
  const n = Number(text.trim());
  return text.trim() && Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : undefined;
}

export { when, dayOf };

/** A share 0–1 as a percentage. */
export const percent = (v: number | undefined) => (typeof v === 'number' ? `${Math.round(v * 1000) / 10}%` : '—');

/** Seconds as "1分05秒"-style text through i18n-free digits: m:ss or h:mm:ss. */
export function seconds(s: number | undefined): string {
  if (typeof s !== 'number') return '—';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(Math.round(s % 60)).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** Today and this month in the browser's zone (the filters' defaults). */
export function todayLocal(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
export function monthLocal(offsetMonths = 0): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() + offsetMonths);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
