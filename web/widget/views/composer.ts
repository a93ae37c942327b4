import { h } from '../../shared/dom';
import type { Translate } from '../i18n';

/** The longest text the client API accepts. */
export const MAX_TEXT = 4000;

/** The reply box: Enter sends (not while an IME is composing), Shift+Enter breaks the line. */
export interface Composer {
  el: HTMLFormElement;
  input: HTMLTextAreaElement;
  setEnabled(on: boolean): void;
  focus(): void;
}

/** Builds the composer; `onSend` gets the trimmed text, `onTyping` reports typing on/off. */
export function createComposer(t: Translate, onSend: (text: string) => boolean, onTyping: (on: boolean) => void): Composer {
  const input = h('textarea', { class: 'kf-input', rows: '1', placeholder: t('placeholder'), 'aria-label': t('placeholder'), maxlength: String(MAX_TEXT) });
  const button = h('button', { type: 'submit', class: 'kf-send', text: t('send'), disabled: true });
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typing = false;

  const stopTyping = () => {
    clearTimeout(typingTimer);
    if (typing) onTyping((typing = false));
  };
  const resize = () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
  };
  const submit = () => {
    const text = input.value.trim();
    if (!text || button.disabled) return;
    if (onSend(text)) {
      input.value = '';
      resize();
      button.disabled = true;
      stopTyping();
    }
  };
  const el = h('form', {
    class: 'kf-composer',
    on: {
      submit: (ev) => {
        ev.preventDefault();
        submit();
      },
    },
  });
  el.append(input, button);

  input.addEventListener('input', () => {
    resize();
    button.disabled = input.value.trim() === '' || input.disabled;
    if (!typing && input.value) onTyping((typing = true));
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 3000);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
      ev.preventDefault();
      submit();
    }
  });
  input.addEventListener('blur', stopTyping);

  return {
    el,
    input,
    setEnabled(on) {
      input.disabled = !on;
      button.disabled = !on || input.value.trim() === '';
    },
    focus: () => input.focus({ preventScroll: true }),
  };
}
