import { h, replaceChildren } from '../../shared/dom';
import type { QuickReply } from '../../shared/contract';
import type { Translate, WidgetLocale } from '../i18n';
import type { Entry } from '../message-log';

/** What the transcript needs besides the entries. */
export interface ListOptions {
  t: Translate;
  locale: WidgetLocale;
  /** Whether the other side is typing (agent typing, or the bot working on a reply). */
  typing: boolean;
  /** Quick replies are live only on the last message, and not once the chat is with a human. */
  quickRepliesEnabled: boolean;
  onChoice(reply: QuickReply): void;
}

function timeOf(iso: string, locale: WidgetLocale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

function speaker(entry: Entry): string {
  const m = entry.message;
  return m.author === 'agent' && m.agent ? `agent:${m.agent.name}:${m.agent.number}` : m.author;
}

function row(entry: Entry, previous: Entry | undefined, opts: ListOptions): HTMLElement {
  const { t } = opts;
  const m = entry.message;
  if (m.author === 'system') {
    return h('div', { class: 'kf-row is-system' }, h('div', { class: 'kf-system', text: m.text }));
  }
  const grouped = !!previous && previous.message.author !== 'system' && speaker(previous) === speaker(entry);
  const label =
    grouped || m.author === 'customer'
      ? null
      : h('div', { class: 'kf-label', text: m.author === 'agent' && m.agent ? t('agentLabel', { name: m.agent.name, number: m.agent.number }) : t('botLabel') });
  let meta: HTMLElement | null = null;
  if (entry.local === 'failed') meta = h('div', { class: 'kf-meta is-failed', text: entry.error ? `${t('failed')}: ${entry.error}` : t('failed') });
  else if (entry.local === 'queued') meta = h('div', { class: 'kf-meta', text: t('queued') });
  else if (entry.local === 'pending') meta = h('div', { class: 'kf-meta', text: t('pending') });
  return h(
    'div',
    { class: `kf-row is-${m.author}${grouped ? ' is-grouped' : ''}`, 'data-author': m.author },
    label,
    h('div', { class: 'kf-bubble', text: m.text, title: timeOf(m.createdAt, opts.locale) }),
    meta,
  );
}

function quickReplies(replies: QuickReply[], opts: ListOptions): HTMLElement {
  return h(
    'div',
    { class: 'kf-quick', role: 'group' },
    ...replies.map((r) => h('button', { type: 'button', class: 'kf-chip', text: r.label, on: { click: () => opts.onChoice(r) } })),
  );
}

/** Redraws the transcript into `list` (role=log). */
export function renderMessages(list: HTMLElement, entries: Entry[], opts: ListOptions): void {
  const rows: HTMLElement[] = [];
  entries.forEach((entry, i) => rows.push(row(entry, entries[i - 1], opts)));
  const last = entries[entries.length - 1];
  if (last && opts.quickRepliesEnabled && last.message.author !== 'customer' && last.message.quickReplies?.length) {
    rows.push(quickReplies(last.message.quickReplies, opts));
  }
  if (opts.typing) {
    rows.push(h('div', { class: 'kf-row', 'aria-label': opts.t('typing') }, h('div', { class: 'kf-bubble kf-typing' }, h('i'), h('i'), h('i'))));
  }
  replaceChildren(list, ...rows);
}
