import { h, replaceChildren } from '../../shared/dom';
import { ApiError } from '../../shared/http';
import { api } from '../api';
import { t, tOr } from '../i18n';
import type { ChatMessage, PhraseMatch } from '../types';
import { cannedPicker } from './canned-picker.view';
import { failed } from './ui';

/** What the reply box needs from the conversation it belongs to. */
export interface ReplyBoxContext {
  conversationId: string;
  onSent(message: ChatMessage): void;
  typing(on: boolean): void;
}

/** Whether the agent may write here, must claim first, watches another agent's or the bot's chat, or it is closed. */
export type ReplyState = 'open' | 'claim' | 'notYours' | 'bot' | 'closed';

const CHECK_DELAY_MS = 400;

function matchList(matches: PhraseMatch[], onUse?: (m: PhraseMatch) => void): HTMLElement[] {
  return matches.map((m) =>
    h(
      'div',
      { class: 'phrase-match' },
      h('div', { class: 'phrase-line', text: t('phraseWarning', { phrase: m.phrase }) }),
      h('div', { class: 'phrase-alt', text: t('phraseAlternative', { alternative: m.alternative }) }),
      h('div', { class: 'phrase-meta', text: t('phraseFine', { category: tOr(`category_${m.category}`, m.category), fine: m.fine }) }),
      onUse ? h('button', { type: 'button', class: 'btn small', text: t('useAlternative'), on: { click: () => onUse(m) } }) : null,
    ),
  );
}

/**
 * The composer of the conversation view: reply or internal note, canned replies, a live
 * forbidden-phrase warning while typing (debounced check), and the server's refusal (422) shown
 * with the approved alternative. Enter sends; Shift+Enter breaks the line; IME input is respected.
 */
export function replyBox(ctx: ReplyBoxContext): { el: HTMLElement; setState(state: ReplyState, claim?: () => void): void } {
  let internal = false;
  let checkTimer: ReturnType<typeof setTimeout> | undefined;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typing = false;
  let checkSeq = 0;

  const input = h('textarea', { class: 'reply-input', rows: '3', maxlength: '4000', placeholder: t('replyPlaceholder'), 'aria-label': t('modeReply') });
  const warning = h('div', { class: 'phrase-warning', role: 'status', hidden: true });
  const refusal = h('div', { class: 'phrase-refusal', role: 'alert', hidden: true });
  const notice = h('div', { class: 'reply-notice', hidden: true });
  const send = h('button', { type: 'submit', class: 'btn primary', text: t('send') });
  const toolbar = h('div', { class: 'reply-toolbar' });
  const actions = h('div', { class: 'reply-actions' }, send);
  const picker = cannedPicker(ctx.conversationId, (text) => insert(text));

  const stopTyping = () => {
    clearTimeout(typingTimer);
    if (typing) ctx.typing((typing = false));
  };
  const insert = (text: string) => {
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    input.focus();
    input.selectionStart = input.selectionEnd = start + text.length;
    scheduleCheck();
  };
  const showMatches = (target: HTMLElement, matches: PhraseMatch[], title?: string, footer?: string) => {
    target.hidden = matches.length === 0;
    const useAlternative = (m: PhraseMatch) => {
      input.value = input.value.split(m.phrase).join(m.alternative);
      scheduleCheck();
    };
    replaceChildren(target, title ? h('strong', { text: title }) : null, ...matchList(matches, useAlternative), footer ? h('div', { class: 'phrase-meta', text: footer }) : null);
  };
  const check = async () => {
    const text = input.value.trim();
    const mine = ++checkSeq;
    if (!text || internal) return showMatches(warning, []);
    try {
      const { matches } = await api.checkPhrases(text);
      if (mine === checkSeq) showMatches(warning, matches ?? []);
    } catch {
      // The live check is advice; the server checks again when the reply is sent.
    }
  };
  const scheduleCheck = () => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(() => void check(), CHECK_DELAY_MS);
  };
  const submit = async () => {
    const text = input.value.trim();
    if (!text || send.disabled) return;
    send.disabled = true;
    try {
      const { message } = await api.reply(ctx.conversationId, text, internal);
      input.value = '';
      showMatches(warning, []);
      refusal.hidden = true;
      stopTyping();
      ctx.onSent(message);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'FORBIDDEN_PHRASE') {
        const matches = ((err.details as { matches?: PhraseMatch[] } | undefined)?.matches ?? []) as PhraseMatch[];
        showMatches(warning, []);
        showMatches(refusal, matches.length ? matches : [{ phrase: '?', alternative: err.message, category: '', fine: 0 }], t('refusedTitle'), t('refusedRecorded'));
      } else failed(err);
    } finally {
      send.disabled = false;
      input.focus();
    }
  };

  const modeButton = (note: boolean) =>
    h('button', {
      type: 'button',
      class: `mode${note === internal ? ' is-active' : ''}${note ? ' mode-note' : ''}`,
      'data-mode': note ? 'note' : 'reply',
      'aria-pressed': String(note === internal),
      text: note ? t('modeNote') : t('modeReply'),
      on: { click: () => setMode(note) },
    });
  const modes = h('div', { class: 'modes', role: 'group' });
  const setMode = (note: boolean) => {
    internal = note;
    replaceChildren(modes, modeButton(false), modeButton(true));
    form.classList.toggle('is-note', note);
    input.placeholder = note ? t('notePlaceholder') : t('replyPlaceholder');
    send.textContent = note ? t('addNote') : t('send');
    if (note) stopTyping();
    scheduleCheck();
  };

  input.addEventListener('input', () => {
    refusal.hidden = true;
    scheduleCheck();
    if (internal) return;
    if (!typing && input.value) ctx.typing((typing = true));
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 3000);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
      ev.preventDefault();
      void submit();
    }
  });
  input.addEventListener('blur', stopTyping);

  const form: HTMLFormElement = h(
    'form',
    {
      class: 'reply-box',
      on: {
        submit: (ev) => {
          ev.preventDefault();
          void submit();
        },
      },
    },
    refusal,
    warning,
    notice,
    toolbar,
    picker.el,
    input,
    actions,
  );
  toolbar.append(modes, h('button', { type: 'button', class: 'btn small canned-toggle', text: t('canned'), on: { click: () => picker.toggle() } }));
  setMode(false);

  return {
    el: form,
    setState(state, claim) {
      const open = state === 'open';
      input.disabled = send.disabled = !open;
      notice.hidden = open;
      // Nothing to write in a closed chat or one the bot serves: only the notice remains.
      toolbar.hidden = input.hidden = actions.hidden = state === 'closed' || state === 'bot';
      if (!open) picker.el.hidden = true;
      const text = state === 'claim' ? t('claimToReply') : state === 'notYours' ? t('notYours') : state === 'bot' ? t('botNotice') : t('closedNotice');
      replaceChildren(notice, text, state === 'claim' && claim ? h('button', { type: 'button', class: 'btn primary small', text: t('claim'), on: { click: claim } }) : null);
    },
  };
}
