import { h } from '../../shared/dom';
import type { Translate } from '../i18n';
import { createEmojiPicker } from './emoji-picker';

/** The longest text the client API accepts. */
export const MAX_TEXT = 8000;

/**
 * The reply box: a row of tools (emoji; further buttons such as an attachment go into `tools`),
 * the text area (Enter sends, not while an IME is composing; Shift+Enter breaks the line) and Send.
 */
export interface Composer {
  el: HTMLFormElement;
  input: HTMLTextAreaElement;
  /** The tool buttons left of the text area. */
  tools: HTMLElement;
  setEnabled(on: boolean): void;
  focus(): void;
  /** Inserts text at the caret (replacing a selection) and focuses the input. */
  insert(text: string): void;
}

/** Builds the composer; `onSend` gets the trimmed text, `onTyping` reports typing on/off. */
export function createComposer(t: Translate, onSend: (text: string) => boolean, onTyping: (on: boolean) => void): Composer {
  const input = h('textarea', { class: 'kf-input', rows: '1', placeholder: t('placeholder'), 'aria-label': t('placeholder'), maxlength: String(MAX_TEXT) });
  const button = h('button', { type: 'submit', class: 'kf-send', text: t('send'), disabled: true });
  const emoji = createEmojiPicker(t, (e) => insert(e));
  const tools = h('div', { class: 'kf-tools' }, emoji.button);
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
  const changed = () => {
    resize();
    button.disabled = input.value.trim() === '' || input.disabled;
    if (!typing && input.value) onTyping((typing = true));
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 3000);
  };
  function insert(text: string): void {
    if (input.disabled) return;
    input.focus({ preventScroll: true });
    const { selectionStart: from, selectionEnd: to, value } = input;
    if (value.length - (to - from) + text.length > MAX_TEXT) return;
    input.value = value.slice(0, from) + text + value.slice(to);
    input.selectionStart = input.selectionEnd = from + text.length;
    changed();
  }
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
  el.append(emoji.popup, tools, input, button);

  input.addEventListener('input', changed);
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
    tools,
    setEnabled(on) {
      input.disabled = !on;
      emoji.button.disabled = !on;
      if (!on) emoji.close(false);
      button.disabled = !on || input.value.trim() === '';
    },
    focus: () => input.focus({ preventScroll: true }),
    insert,
  };
}
