import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { t } from '../../i18n';
import { TextArea, TextInput } from '../../components/text-field';
import { BOT_LOCALES, splitKey, textAt, type Wording } from './draft-store';

const splitList = (s: string) => s.split(/[,，、\n]+/).map((x) => x.trim()).filter(Boolean);
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A labelled control; `problem` marks it as the field the check names. */
export function Row({ label, problem, children, wide }: { label: string; problem?: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <label class={`field sc-row${problem ? ' has-problem' : ''}${wide ? ' wide' : ''}`}>
      <span class="field-label">{label}</span>
      {children}
      {problem ? <span class="field-error">{problem}</span> : null}
    </label>
  );
}

/** Words typed as one line ("投诉，客诉, complaint"): kept as typed while an IME composes or a separator trails. */
export function ListField({ value, onChange, name, placeholder }: { value: string[]; onChange(v: string[]): void; name?: string; placeholder?: string }) {
  const [text, setText] = useState(value.join('，'));
  useEffect(() => {
    if (!sameList(splitList(text), value)) setText(value.join('，'));
  }, [value.join('\u0000')]);
  return (
    <TextInput
      name={name}
      placeholder={placeholder ?? t('scripts.listHint')}
      value={text}
      onValue={(v, composing) => {
        setText(v);
        if (!composing) onChange(splitList(v));
      }}
    />
  );
}

/**
 * A text field that reports only committed text (never half-composed pinyin). A field whose text
 * is parsed (words with weights, key=value lines) passes `same`: what was typed stays as typed
 * while it means the value shown, so the parsed form never jumps in under the cursor.
 */
export function Text(props: { value: string; onChange(v: string): void; name?: string; multiline?: boolean; placeholder?: string; mono?: boolean; same?: (typed: string, value: string) => boolean }) {
  const { value, onChange, name, multiline, placeholder, mono, same } = props;
  const [text, setText] = useState(value);
  useEffect(() => {
    if (value !== text && !same?.(text, value)) setText(value);
  }, [value]);
  const onValue = (v: string, composing: boolean) => {
    setText(v);
    if (!composing) onChange(v);
  };
  return multiline ? (
    <TextArea name={name} rows={2} placeholder={placeholder} class={mono ? 'mono' : ''} value={text} onValue={onValue} />
  ) : (
    <TextInput name={name} placeholder={placeholder} class={mono ? 'mono' : ''} value={text} onValue={onValue} />
  );
}

/** A number field; empty means "not set". */
export function NumberField({ value, onChange, name, min, step }: { value: number | undefined; onChange(v: number | undefined): void; name?: string; min?: number; step?: number }) {
  return (
    <input
      type="number"
      name={name}
      min={min}
      step={step ?? 1}
      value={value ?? ''}
      onInput={(ev) => {
        const raw = (ev.currentTarget as HTMLInputElement).value;
        onChange(raw === '' ? undefined : Number(raw));
      }}
    />
  );
}

/** A choice among values (an empty first option when the field may be left out). */
export function Choice({ value, options, onChange, name, optional }: { value: string | undefined; options: readonly string[]; onChange(v: string | undefined): void; name?: string; optional?: boolean }) {
  return (
    <select name={name} value={value ?? ''} onChange={(ev) => onChange((ev.currentTarget as HTMLSelectElement).value || undefined)}>
      {optional || value === undefined ? <option value="">{t('scripts.none')}</option> : null}
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
      {value !== undefined && !options.includes(value) ? <option value={value}>{value}</option> : null}
    </select>
  );
}

export interface WordingAccess {
  /** The wording of a namespace as being edited (or as the draft has it). */
  wording(ns: string): Wording | undefined;
  setText(key: string, locale: (typeof BOT_LOCALES)[number], text: string): void;
}

/**
 * A text a step says, by its key ("order:ask_quantity"), with its wording in every locale side
 * by side; a locale without the text is marked missing (publishing needs all three).
 */
export function TextKeyField({ label, value, onChange, access, problem, name }: { label: string; value: string; onChange(v: string): void; access: WordingAccess; problem?: string; name?: string }) {
  const { ns, path } = splitKey(value);
  const valid = /^[a-z][a-z0-9-]*:[a-zA-Z0-9_.]+$/.test(value);
  const wording = valid ? access.wording(ns) : undefined;
  return (
    <div class={`sc-text-key${problem ? ' has-problem' : ''}`} data-key={value}>
      <Row label={label} problem={problem}>
        <Text name={name} mono value={value} onChange={onChange} placeholder="namespace:key" />
      </Row>
      {valid ? (
        <div class="sc-locales">
          {BOT_LOCALES.map((l) => {
            const text = textAt(wording?.[l], path);
            return (
              <label key={l} class={`sc-locale${text === undefined || text === '' ? ' is-missing' : ''}`} data-locale={l}>
                <span class="sc-locale-name">
                  {t(`locale.${l}`)}
                  {text === undefined || text === '' ? <span class="chip warn">{t('scripts.missing')}</span> : null}
                </span>
                <Text multiline name={`text-${l}`} value={text ?? ''} onChange={(v) => access.setText(value, l, v)} />
              </label>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
