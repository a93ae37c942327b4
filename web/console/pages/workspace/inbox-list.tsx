import type { ListItem } from '../../../../src/http/contract';
import { t, tOr } from '../../i18n';
import { href } from '../../router';
import { channelName, duration, secondsSince, when } from '../../format';
import { activeView, lists, unread, type InboxView } from '../../state/inbox';
import { isManager } from '../../state/session';
import { now } from '../../state/live';
import { Chip, Empty } from '../../components/ui';

function Row({ item, view, selected }: { item: ListItem; view: InboxView; selected: boolean }) {
  const serious = item.priority >= 10 || item.handoffReason === 'serious_complaint';
  const count = unread.value[item.id] ?? 0;
  return (
    <li>
      <a class={`inbox-item${selected ? ' is-selected' : ''}${serious ? ' is-serious' : ''}`} data-id={item.id} href={href('inbox', item.id)}>
        <span class="inbox-line">
          <strong class="inbox-name">{item.customer.name || item.customer.phone || t('customer.visitor')}</strong>
          <Chip kind="channel">{channelName(item.channel)}</Chip>
          {serious ? <Chip kind="danger">{t('conversation.serious')}</Chip> : null}
          {count ? <span class="badge">{count}</span> : null}
        </span>
        <span class="inbox-preview">{item.lastMessagePreview || t('conversation.noMessage')}</span>
        <span class="inbox-meta">
          {view === 'waiting' && item.waitingSince ? (
            <span class="wait">{t('inbox.waited', { time: duration(secondsSince(item.waitingSince, now.value)) })}</span>
          ) : (
            <time dateTime={item.lastMessageAt}>{when(item.lastMessageAt)}</time>
          )}
          {view === 'all' ? <span>{tOr(`status.${item.status}`, item.status)}</span> : null}
          {view !== 'waiting' && item.assignee && view === 'all' ? <span>{item.assignee.name}</span> : null}
        </span>
      </a>
    </li>
  );
}

/** The inbox: 待接入 (waiting), 我的会话 (mine) and, for managers, 全部会话 (all), kept live by the socket. */
export function InboxList({ selectedId }: { selectedId?: string }) {
  const view = activeView.value;
  const setView = (v: InboxView) => (activeView.value = v);
  const views: InboxView[] = isManager.value ? ['waiting', 'mine', 'all'] : ['waiting', 'mine'];
  const items = lists[view].value;
  return (
    <section class="inbox" aria-label={t('nav.inbox')}>
      <div class="tabs" role="tablist">
        {views.map((v) => (
          <button key={v} type="button" role="tab" class={`tab${v === view ? ' is-active' : ''}`} data-view={v} aria-selected={v === view} onClick={() => setView(v)}>
            {t(`inbox.tab.${v}`)}
            <span class="count">{lists[v].value.length}</span>
          </button>
        ))}
      </div>
      {items.length ? (
        <ul class="inbox-list">
          {items.map((item) => (
            <Row key={item.id} item={item} view={view} selected={item.id === selectedId} />
          ))}
        </ul>
      ) : (
        <Empty>{t(`inbox.empty.${view}`)}</Empty>
      )}
    </section>
  );
}
