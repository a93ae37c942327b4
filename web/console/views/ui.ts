import { h, type Child } from '../../shared/dom';
import { ApiError } from '../../shared/http';
import { t } from '../i18n';

let toastHost: HTMLElement | undefined;

/** A short message in the corner; errors stay longer. */
export function toast(text: string, kind: 'info' | 'error' = 'info'): void {
  if (!toastHost) {
    toastHost = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(toastHost);
  }
  const el = h('div', { class: `toast toast-${kind}`, text });
  toastHost.appendChild(el);
  setTimeout(() => el.remove(), kind === 'error' ? 7000 : 3500);
}

/** A readable reason for a failed request. */
export function reason(err: unknown): string {
  if (err instanceof ApiError) return err.isNetwork ? t('networkError') : err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Shows "操作失败：…" for an error. */
export function failed(err: unknown): void {
  toast(t('actionFailed', { error: reason(err) }), 'error');
}

/** A modal dialog; resolves when closed. `build` gets a `done` to close it with a value. */
export function modal<T>(title: string, build: (done: (value: T | undefined) => void) => Child[]): Promise<T | undefined> {
  return new Promise((resolve) => {
    const previous = document.activeElement as HTMLElement | null;
    const backdrop = h('div', { class: 'modal-backdrop' });
    const done = (value: T | undefined) => {
      backdrop.remove();
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
      resolve(value);
    };
    const onKey = (ev: KeyboardEvent) => ev.key === 'Escape' && done(undefined);
    document.addEventListener('keydown', onKey);
    backdrop.addEventListener('mousedown', (ev) => ev.target === backdrop && done(undefined));
    const dialog = h('div', { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-label': title }, h('h2', { class: 'modal-title', text: title }), ...build(done));
    backdrop.appendChild(dialog);
    document.body.appendChild(backdrop);
    (dialog.querySelector('input, button.primary, button') as HTMLElement | null)?.focus();
  });
}

/** A yes/no question in a dialog. */
export async function confirmDialog(question: string, confirmLabel = t('confirm'), danger = false): Promise<boolean> {
  const answer = await modal<boolean>(question, (done) => [
    h(
      'div',
      { class: 'modal-actions' },
      h('button', { type: 'button', class: 'btn', text: t('cancel'), on: { click: () => done(false) } }),
      h('button', { type: 'button', class: `btn ${danger ? 'danger' : 'primary'}`, text: confirmLabel, on: { click: () => done(true) } }),
    ),
  ]);
  return answer === true;
}

/** A labelled form field. */
export function field(label: string, control: HTMLElement, extra?: Child): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control, extra);
}

/** A <select> with options [value, label]. */
export function select(name: string, options: [string, string][], value?: string): HTMLSelectElement {
  return h('select', { name }, ...options.map(([v, label]) => h('option', { value: v, text: label, selected: v === value })));
}

/** A small status chip. */
export function chip(text: string, kind = ''): HTMLElement {
  return h('span', { class: `chip ${kind}`.trim(), text });
}
