import { h, replaceChildren } from '../../shared/dom';
import { api } from '../api';
import { t } from '../i18n';
import type { CannedReply } from '../types';
import { failed } from './ui';

/**
 * The canned-reply (标准话术) popover: search as you type, pick one, and the server renders it for
 * this conversation ({{salutation}}, {{agentNumber}}…); the rendered text goes to `onPick`.
 */
export function cannedPicker(conversationId: string, onPick: (text: string) => void): { el: HTMLElement; toggle(): void } {
  const search = h('input', { type: 'search', class: 'canned-search', placeholder: t('cannedSearch'), 'aria-label': t('cannedSearch') });
  const list = h('ul', { class: 'canned-list', role: 'listbox' });
  const el = h('div', { class: 'canned-popover', hidden: true }, search, list);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;

  const pick = async (reply: CannedReply) => {
    try {
      const { text } = await api.renderCanned(conversationId, reply.id);
      onPick(text);
      el.hidden = true;
    } catch (err) {
      failed(err);
    }
  };
  const load = async () => {
    const mine = ++seq;
    try {
      const replies = await api.cannedReplies(search.value.trim());
      if (mine !== seq) return; // a newer search is on its way
      replaceChildren(
        list,
        ...(replies.length
          ? replies.map((r) =>
              h(
                'li',
                {},
                h(
                  'button',
                  { type: 'button', class: 'canned-item', role: 'option', on: { click: () => void pick(r) } },
                  h('strong', { text: r.title }),
                  h('span', { text: r.text }),
                ),
              ),
            )
          : [h('li', { class: 'empty', text: t('cannedEmpty') })]),
      );
    } catch (err) {
      failed(err);
    }
  };
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 250);
  });
  search.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.stopPropagation();
      el.hidden = true;
    }
  });
  const outside = (ev: MouseEvent) => {
    if (!el.isConnected) return document.removeEventListener('mousedown', outside); // the conversation was left
    if (!el.hidden && !el.contains(ev.target as Node) && !(ev.target as HTMLElement).closest?.('.canned-toggle')) el.hidden = true;
  };
  document.addEventListener('mousedown', outside);
  return {
    el,
    toggle() {
      el.hidden = !el.hidden;
      if (!el.hidden) {
        search.value = '';
        void load();
        search.focus();
      }
    },
  };
}
