import type { ComponentChildren, JSX } from 'preact';
import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { TextArea } from './text-field';

/** A small label: channel, status, "严重投诉". */
export function Chip({ kind = '', children }: { kind?: string; children: ComponentChildren }) {
  return <span class={`chip ${kind}`}>{children}</span>;
}

/** A labelled form control. */
export function Field({ label, children, hint, class: cls = '' }: { label: string; children: ComponentChildren; hint?: string; class?: string }) {
  return (
    <label class={`field ${cls}`}>
      <span class="field-label">{label}</span>
      {children}
      {hint ? <span class="field-hint">{hint}</span> : null}
    </label>
  );
}

export function Button(props: JSX.ButtonHTMLAttributes<HTMLButtonElement> & { kind?: string; small?: boolean }) {
  const { kind = '', small, class: cls = '', type = 'button', ...rest } = props;
  return <button type={type} class={`btn ${kind}${small ? ' small' : ''} ${cls}`} {...rest} />;
}

/** The dialog on screen, if any (one at a time). */
const dialog = signal<ComponentChildren | null>(null);

export function DialogHost() {
  return dialog.value ? (
    <div class="modal-backdrop" onClick={(ev) => ev.target === ev.currentTarget && (dialog.value = null)}>
      {dialog.value}
    </div>
  ) : null;
}

/** Shows a dialog built with a `close(result)`; resolves with the result (undefined when dismissed). */
export function openDialog<T>(build: (close: (result?: T) => void) => ComponentChildren): Promise<T | undefined> {
  return new Promise((resolve) => {
    const close = (result?: T) => {
      dialog.value = null;
      resolve(result);
    };
    dialog.value = build(close);
  });
}

/** Asks to confirm an action. */
export function confirmDialog(text: string, ok = t('action.confirm'), danger = false): Promise<boolean> {
  return openDialog<boolean>((close) => (
    <div class="modal" role="dialog" aria-modal="true">
      <p>{text}</p>
      <div class="modal-actions">
        <Button onClick={() => close(false)}>{t('action.cancel')}</Button>
        <Button kind={danger ? 'danger' : 'primary'} onClick={() => close(true)}>
          {ok}
        </Button>
      </div>
    </div>
  )).then((x) => !!x);
}

function ReasonForm({ title, ok, close }: { title: string; ok: string; close: (r?: string) => void }) {
  const [text, setText] = useState('');
  return (
    <form
      class="modal reason-dialog"
      role="dialog"
      aria-modal="true"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (text.trim()) close(text.trim());
      }}
    >
      <h3>{title}</h3>
      <Field label={t('quality.reason')}>
        <TextArea name="reason" rows={3} maxLength={500} value={text} onValue={(v) => setText(v)} autoFocus />
      </Field>
      <div class="modal-actions">
        <Button onClick={() => close()}>{t('action.cancel')}</Button>
        <Button kind="primary" type="submit" disabled={!text.trim()}>
          {ok}
        </Button>
      </div>
    </form>
  );
}

/** Asks for a reason (a decision in the ledger); undefined when cancelled. */
export function reasonDialog(title: string, ok: string): Promise<string | undefined> {
  return openDialog<string>((close) => <ReasonForm title={title} ok={ok} close={close} />);
}

/** An empty state or a note in a list. */
export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty muted">{children}</p>;
}
