import { h } from '../../shared/dom';
import type { ChatMessage, QuickReply } from '../../shared/contract';
import type { Translate, WidgetLocale } from '../i18n';
import type { Entry } from '../message-log';
import { dayLabel, dayStart, timeLabel } from './day-format';
import { attachmentNode, type FileLoader } from './attachments';

/** What the transcript needs besides the entries. */
export interface ListOptions {
  t: Translate;
  locale: WidgetLocale;
  /** Whether the other side is typing (agent typing, or the bot working on a reply). */
  typing: boolean;
  /** Quick replies are live only on the last message, and not once the chat is with a human. */
  quickRepliesEnabled: boolean;
  onChoice(reply: QuickReply): void;
  /** Fetches a picture or file of the conversation (with the visitor token). */
  loadFile: FileLoader;
}

/** Messages of one speaker closer together than this share one name-and-time line. */
const GROUP_GAP_MS = 5 * 60_000;

function speaker(m: ChatMessage): string {
  return m.author === 'agent' && m.agent ? `agent:${m.agent.name}:${m.agent.number}` : m.author;
}

function timeOf(m: ChatMessage, fallback: number): number {
  const at = Date.parse(m.createdAt);
  return Number.isNaN(at) ? fallback : at;
}

/** What a message shows inside its bubble: its pictures and files, then its text (a caption). */
function bubble(m: ChatMessage, opts: ListOptions): HTMLElement {
  if (!m.attachments?.length) return h('div', { class: 'kf-bubble', text: m.text });
  return h('div', { class: 'kf-bubble has-media' }, ...m.attachments.map((a) => attachmentNode(a, opts.t, opts.loadFile)), m.text ? h('div', { class: 'kf-caption', text: m.text }) : null);
}

function deliveryNote(entry: Entry, t: Translate): HTMLElement | null {
  if (entry.local === 'failed') return h('div', { class: 'kf-meta is-failed', text: entry.error ? `${t('failed')}: ${entry.error}` : t('failed') });
  if (entry.local === 'queued') return h('div', { class: 'kf-meta', text: t('queued') });
  if (entry.local === 'pending') return h('div', { class: 'kf-meta', text: t('pending') });
  return null;
}

/**
 * The transcript (role=log). Rows are kept between redraws and only changed rows are rebuilt, so
 * a focused quick reply keeps its focus and a screen reader hears only what was added. A line
 * with the day ("今天", "昨天", a date) starts each day; a speaker's group shows its time.
 */
export class MessageList {
  readonly el = h('div', { class: 'kf-list', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  private rows = new Map<string, { signature: string; node: HTMLElement }>();
  private typingRow?: HTMLElement;

  /** Redraws the transcript for `entries`. */
  render(entries: Entry[], opts: ListOptions): void {
    const now = Date.now();
    const used = new Map<string, { signature: string; node: HTMLElement }>();
    const nodes: HTMLElement[] = [];
    const keep = (key: string, signature: string, build: () => HTMLElement) => {
      const old = this.rows.get(key);
      const row = old && old.signature === signature ? old : { signature, node: build() };
      used.set(key, row);
      nodes.push(row.node);
    };
    let previous: { at: number; day: number; who: string } | undefined;
    for (const entry of entries) {
      const m = entry.message;
      const at = timeOf(m, previous?.at ?? now);
      const day = dayStart(at);
      if (day !== previous?.day) {
        const label = dayLabel(day, now, opts.locale, opts.t);
        keep(`day:${day}`, label, () => h('div', { class: 'kf-day' }, h('span', { text: label })));
      }
      const who = m.author === 'system' ? '' : speaker(m);
      const grouped = !!previous && !!who && previous.day === day && previous.who === who && at - previous.at < GROUP_GAP_MS;
      previous = { at, day, who };
      if (m.author === 'system') {
        keep(m.id, m.text, () => h('div', { class: 'kf-row is-system' }, h('div', { class: 'kf-system', text: m.text })));
        continue;
      }
      const name = m.author === 'customer' ? '' : m.author === 'agent' && m.agent ? opts.t('agentLabel', { name: m.agent.name, number: m.agent.number }) : opts.t('botLabel');
      const time = grouped ? '' : timeLabel(at, opts.locale);
      keep(m.id, [m.text, entry.local, entry.error, grouped, name, time, m.attachments?.length].join('\u0000'), () =>
        h(
          'div',
          { class: `kf-row is-${m.author}${grouped ? ' is-grouped' : ''}`, 'data-author': m.author },
          grouped ? null : h('div', { class: 'kf-label' }, name ? h('span', { class: 'kf-name', text: name }) : null, h('time', { class: 'kf-time', datetime: new Date(at).toISOString(), text: time })),
          bubble(m, opts),
          deliveryNote(entry, opts.t),
        ),
      );
    }
    const last = entries[entries.length - 1]?.message;
    if (last && opts.quickRepliesEnabled && last.author !== 'customer' && last.quickReplies?.length) {
      const replies = last.quickReplies;
      keep(`quick:${last.id}`, JSON.stringify(replies), () =>
        h('div', { class: 'kf-quick', role: 'group' }, ...replies.map((r) => h('button', { type: 'button', class: 'kf-chip', text: r.label, on: { click: () => opts.onChoice(r) } }))),
      );
    }
    if (opts.typing) {
      this.typingRow ??= h('div', { class: 'kf-row', 'aria-label': opts.t('typing') }, h('div', { class: 'kf-bubble kf-typing' }, h('i'), h('i'), h('i')));
      nodes.push(this.typingRow);
    }
    this.rows = used;
    syncChildren(this.el, nodes);
  }
}

/** Makes `nodes` the children of `parent`, leaving in place (not re-inserting) those already there. */
function syncChildren(parent: HTMLElement, nodes: HTMLElement[]): void {
  const wanted = new Set<Node>(nodes);
  for (const child of Array.from(parent.childNodes)) if (!wanted.has(child)) parent.removeChild(child);
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
}
