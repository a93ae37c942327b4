import { useEffect, useRef } from 'preact/hooks';
import type { JSX, RefObject } from 'preact';

type Handled = 'value' | 'onInput' | 'onChange' | 'onCompositionStart' | 'onCompositionEnd' | 'onKeyDown' | 'ref';
type Native = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, Handled>;
type NativeArea = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, Handled>;

/** What a text field reports: its value, and whether an input method (IME) is still composing it. */
export type OnValue = (value: string, composing: boolean) => void;

interface ImeProps {
  value: string;
  onValue: OnValue;
  /** Enter pressed, not while an IME is choosing a candidate (that Enter confirms the candidate). */
  onEnter?: (ev: KeyboardEvent) => void;
}

/**
 * Input-method-safe handling: while a Chinese IME composes (pinyin, zhuyin), the value is reported
 * as composing so nothing checks or sends half-typed letters, and the Enter that picks a candidate
 * is not taken for "send"; compositionend reports the committed text. The composition listeners
 * are added on the element itself: Preact would register `onCompositionEnd` under a misspelt
 * event name. The field stays controlled: Preact only writes a value that differs.
 */
function useIme<T extends HTMLInputElement | HTMLTextAreaElement>({ onValue, onEnter }: ImeProps): { ref: RefObject<T>; onInput(ev: Event): void; onKeyDown(ev: KeyboardEvent): void } {
  const ref = useRef<T>(null);
  const composing = useRef(false);
  const report = useRef(onValue);
  report.current = onValue;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const start = () => (composing.current = true);
    const end = () => {
      composing.current = false;
      report.current(el.value, false);
    };
    el.addEventListener('compositionstart', start);
    el.addEventListener('compositionend', end);
    return () => {
      el.removeEventListener('compositionstart', start);
      el.removeEventListener('compositionend', end);
    };
  }, []);
  return {
    ref,
    onInput: (ev: Event) => report.current((ev.currentTarget as T).value, composing.current || (ev as InputEvent).isComposing === true),
    onKeyDown: (ev: KeyboardEvent) => {
      if (ev.key !== 'Enter' || !onEnter) return;
      if (ev.isComposing || ev.keyCode === 229 || composing.current) return;
      onEnter(ev);
    },
  };
}

/** A one-line text field that works with IME input. */
export function TextInput(props: ImeProps & Native) {
  const { value, onValue, onEnter, ...rest } = props;
  const ime = useIme<HTMLInputElement>({ value, onValue, onEnter });
  return <input {...rest} value={value} {...ime} />;
}

/** A multi-line text field that works with IME input. */
export function TextArea(props: ImeProps & NativeArea) {
  const { value, onValue, onEnter, ...rest } = props;
  const ime = useIme<HTMLTextAreaElement>({ value, onValue, onEnter });
  return <textarea {...rest} value={value} {...ime} />;
}
