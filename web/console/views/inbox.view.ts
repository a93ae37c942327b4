import { h, replaceChildren } from '../../shared/dom';
import { t, tOr, type Key } from '../i18n';
import { channelName, duration, secondsSince, when } from '../format';
import type { InboxStore } from '../inbox-store';
import type { InboxView, ListItem } from '../types';
import { chip } from './ui';

/** What the inbox needs from the app. */
export interface InboxContext {
  store: InboxStore;
  /** Managers and admins also see "all". */
  canSeeAll: boolean;
  selectedId(): string | undefined;
  open(id: string): void;
  /** The tab changed: the app loads that view. */
  switchTab(view: InboxView): void;
}

const EMPTY: Record<InboxView, Key> = { waiting: 'emptyWaiting', mine: 'emptyMine', all: 'emptyAll' };

function row(item: ListItem, view: InboxView, ctx: InboxContext): HTMLElement {
  const serious = (item.priority ?? 0) >= 10 || item.handoffReason === 'serious_complaint';
  const unread = ctx.store.unreadOf(item.id);
  const waitingSince = item.waitingSince ?? (item.waitSeconds !== undefined ? new Date(Date.now() - item.waitSeconds * 1000).toISOString() : undefined);
  const right =
    item.status === 'waiting' && waitingSince
      ? h('span', { class: 'wait', 'data-since': waitingSince, title: t('waited', { time: '' }).trim(), text: duration(secondsSince(waitingSince)) })
      : h('span', { class: 'time', text: when(item.lastMessageAt) });
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: `inbox-item${serious ? ' is-serious' : ''}${ctx.selectedId() === item.id ? ' is-selected' : ''}`,
        'data-id': item.id,
        on: { click: () => ctx.open(item.id) },
      },
      h('div', { class: 'inbox-line' }, chip(channelName(item.channel), 'channel'), h('strong', { class: 'customer-name', text: item.customer?.name || t('visitor') }), right),
      h('div', { class: 'inbox-preview', text: item.lastMessagePreview || t('noMessage') }),
      h(
        'div',
        { class: 'inbox-tags' },
        serious ? chip(t('serious'), 'danger') : null,
        item.handoffReason && !serious ? chip(tOr(`reason_${item.handoffReason}`, item.handoffReason), 'muted') : null,
        view === 'all' ? chip(tOr(`status_${item.status}`, item.status), `status-${item.status}`) : null,
        view === 'all' && item.assignee ? chip(`${item.assignee.name} ${item.assignee.agentNumber}`, 'muted') : null,
        unread ? h('span', { class: 'unread', text: String(unread), 'aria-label': `${unread}` }) : null,
      ),
    ),
  );
}

/** The left column: tabs (待接入 / 我的会话 / 全部会话) and the list of the current tab. */
export class InboxPanel {
  readonly el: HTMLElement;
  private readonly tabs: HTMLElement;
  private readonly list: HTMLElement;
  view: InboxView = 'waiting';

  constructor(private readonly ctx: InboxContext) {
    this.tabs = h('div', { class: 'tabs', role: 'tablist' });
    this.list = h('ul', { class: 'inbox-list' });
    this.el = h('aside', { class: 'inbox' }, this.tabs, this.list);
  }

  /** Redraws tabs and list. */
  render(): void {
    const views: InboxView[] = this.ctx.canSeeAll ? ['waiting', 'mine', 'all'] : ['waiting', 'mine'];
    replaceChildren(
      this.tabs,
      ...views.map((v) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            class: `tab${v === this.view ? ' is-active' : ''}`,
            'aria-selected': String(v === this.view),
            'data-view': v,
            on: { click: () => this.ctx.switchTab(v) },
          },
          t(`tab_${v}` as Key),
          v !== 'all' ? h('span', { class: `count${v === 'waiting' && this.ctx.store.count(v) ? ' is-hot' : ''}`, text: String(this.ctx.store.count(v)) }) : null,
        ),
      ),
    );
    const items = this.ctx.store.items(this.view);
    replaceChildren(this.list, ...(items.length ? items.map((i) => row(i, this.view, this.ctx)) : [h('li', { class: 'empty', text: t(EMPTY[this.view]) })]));
  }

  /** Advances the wait timers without redrawing (called every second). */
  tick(): void {
    const now = Date.now();
    this.list.querySelectorAll<HTMLElement>('[data-since]').forEach((el) => {
      el.textContent = duration(secondsSince(el.dataset.since, now));
    });
  }
}
