import { h, replaceChildren } from '../../shared/dom';
import { t } from '../i18n';
import { when } from '../format';
import type { ChatMessage } from '../types';

function author(m: ChatMessage): string {
  if (m.author === 'agent') return m.agent ? `${m.agent.name} · ${m.agent.number}` : t('agent');
  return t(`author_${m.author}` as 'author_customer');
}

function messageRow(m: ChatMessage): HTMLElement {
  if (m.author === 'system') {
    return h('div', { class: 'msg msg-system', 'data-id': m.id }, h('span', { text: m.text }));
  }
  const failed = m.delivery?.state === 'failed';
  const classes = ['msg', `msg-${m.author}`, m.internal ? 'msg-internal' : '', failed ? 'msg-failed' : ''].filter(Boolean).join(' ');
  return h(
    'div',
    { class: classes, 'data-id': m.id, 'data-author': m.author },
    h(
      'div',
      { class: 'msg-head' },
      h('span', { class: 'msg-author', text: author(m) }),
      m.internal ? h('span', { class: 'note-tag', text: `${t('internalNote')} · ${t('internalHint')}` }) : null,
      h('time', { dateTime: m.createdAt, text: when(m.createdAt) }),
    ),
    h('div', { class: 'msg-body', text: m.text }),
    m.quickReplies?.length ? h('div', { class: 'msg-options' }, ...m.quickReplies.map((q) => h('span', { class: 'chip muted', text: q.label }))) : null,
    failed ? h('div', { class: 'msg-error', role: 'note', text: t('deliveryFailed', { error: m.delivery?.error ?? '?' }) }) : null,
    m.delivery?.state === 'pending' ? h('div', { class: 'msg-state', text: t('deliveryPending') }) : null,
  );
}

/** The transcript of one conversation: customer on the left, bot and agents on the right, notes in yellow. */
export class Transcript {
  readonly el = h('div', { class: 'transcript', role: 'log', 'aria-live': 'polite' });
  private readonly list = h('div', { class: 'transcript-list' });
  private readonly typing = h('div', { class: 'typing-line', hidden: true, text: t('customerTyping') });
  private messages: ChatMessage[] = [];
  private typingTimer?: ReturnType<typeof setTimeout>;
  /** Follow the newest message unless the agent scrolled up to read. */
  private stick = true;

  constructor() {
    this.el.append(this.list, this.typing);
    this.el.addEventListener('scroll', () => (this.stick = this.distanceFromBottom() < 40), { passive: true });
    // The reply box grows (warnings, refusals) and shrinks the transcript: stay at the bottom.
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.stick && this.scroll(true)).observe(this.el);
  }

  private distanceFromBottom(): number {
    return this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight;
  }

  /** Shows a whole transcript. */
  set(messages: ChatMessage[]): void {
    this.messages = [...messages];
    replaceChildren(this.list, ...this.messages.map(messageRow));
    this.scroll(true);
  }

  /** Adds or updates one message (socket or our own reply); ignores repeats. */
  upsert(m: ChatMessage): void {
    const at = this.messages.findIndex((x) => x.id === m.id);
    const near = this.stick || this.distanceFromBottom() < 120;
    if (at >= 0) {
      this.messages[at] = m;
      this.list.children[at]?.replaceWith(messageRow(m));
      return;
    }
    this.messages.push(m);
    this.list.appendChild(messageRow(m));
    if (m.author === 'customer') this.setTyping(false);
    this.scroll(near || m.author === 'agent');
  }

  /** The customer's typing indicator (goes off by itself after a while). */
  setTyping(on: boolean): void {
    clearTimeout(this.typingTimer);
    this.typing.hidden = !on;
    if (on) {
      this.typingTimer = setTimeout(() => this.setTyping(false), 8000);
      this.scroll(false);
    }
  }

  private scroll(force: boolean): void {
    if (force || this.stick) {
      this.el.scrollTop = this.el.scrollHeight;
      this.stick = true;
    }
  }
}
