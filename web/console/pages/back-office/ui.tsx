import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { reason } from '../../state/notify';
import { tb } from './i18n';

/** Loads data for a page and reloads on demand; the latest request wins. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error: string; reload(): void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setError('');
    load().then(
      (d) => live && setData(d),
      (err: unknown) => live && setError(reason(err)),
    );
    return () => {
      live = false;
    };
  }, [...deps, version]);
  return { data, error, reload: () => setVersion((v) => v + 1) };
}

/** Tabs over a page's lists (open / due / all…). */
export function Tabs<T extends string>({ tabs, value, onChange, name }: { tabs: { id: T; label: string }[]; value: T; onChange(v: T): void; name: string }) {
  return (
    <div class="bo-tabs" role="tablist" aria-label={name}>
      {tabs.map((t) => (
        <button key={t.id} type="button" role="tab" class={`bo-tab${t.id === value ? ' is-active' : ''}`} aria-selected={t.id === value} data-tab={t.id} onClick={() => onChange(t.id)}>
          {t.label}
        </button>
      ))}
    </div>
  );
}

const now = () => Date.now();

/** The time left until a deadline ("剩余 3小时20分"), or how long ago it passed, ticking each 30 s. */
export function Countdown({ due, done }: { due: string; done?: boolean }) {
  const [at, setAt] = useState(now());
  useEffect(() => {
    const timer = setInterval(() => setAt(now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (done) return null;
  const ms = Date.parse(due) - at;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const text = tb(ms >= 0 ? 'countdown.left' : 'countdown.over', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return <span class={`countdown ${ms < 0 ? 'is-over' : ms < 2 * 3600_000 ? 'is-soon' : ''}`} data-due={due}>{text}</span>;
}

/** A list on the left, the opened record on the right (stacked on a phone). */
export function Split({ list, detail }: { list: ComponentChildren; detail?: ComponentChildren }) {
  return (
    <div class={`bo-split${detail ? ' has-detail' : ''}`}>
      <section class="bo-list">{list}</section>
      {detail ? <section class="bo-detail">{detail}</section> : null}
    </div>
  );
}

/** Label/value pairs of a record; empty values are left out. */
export function Facts({ rows }: { rows: [string, ComponentChildren | undefined | null | false][] }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== false && v !== '');
  return (
    <dl class="bo-facts">
      {shown.map(([k, v]) => [<dt key={`${k}-t`}>{k}</dt>, <dd key={`${k}-d`}>{v}</dd>])}
    </dl>
  );
}

/** A form's error line (the server's message names the field). */
export function FormError({ error }: { error: string }) {
  return error ? <p class="form-error" role="alert">{error}</p> : null;
}

/** A local date and time picker whose value is ISO-8601 (with the browser's offset). */
export function DateTimeInput({ name, value, onValue }: { name: string; value: string; onValue(iso: string): void }) {
  const local = value ? toLocalInput(new Date(value)) : '';
  return <input type="datetime-local" name={name} value={local} onInput={(ev) => onValue(fromLocalInput((ev.currentTarget as HTMLInputElement).value))} />;
}

function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value as ISO-8601 with the browser's offset ('' stays ''). */
export function fromLocalInput(v: string): string {
  if (!v) return '';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return '';
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${v.length === 16 ? `${v}:00` : v}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/** Runs an action of a form: busy while it runs, the error shown, `done` after success. */
export function useAction(): { busy: boolean; error: string; run(action: () => Promise<unknown>, done?: () => void): Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return {
    busy,
    error,
    async run(action, done) {
      setBusy(true);
      setError('');
      try {
        await action();
        done?.();
      } catch (err) {
        setError(reason(err));
      } finally {
        setBusy(false);
      }
    },
  };
}

/** A heading with the page's buttons beside it. */
export function Head({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="page-head">
      <h1>{title}</h1>
      {children ? <div class="row-actions">{children}</div> : null}
    </div>
  );
}
