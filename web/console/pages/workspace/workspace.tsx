import { useEffect } from 'preact/hooks';
import { route } from '../../router';
import { closePane, open, openById } from '../../state/conversation';
import { markRead } from '../../state/inbox';
import { t } from '../../i18n';
import { InboxList } from './inbox-list';
import { ConversationPane } from './conversation-pane';
import { CustomerPanel } from './customer-panel';

/** The agent's desk: the inbox lists, the open conversation, and the customer beside it. */
export function Workspace() {
  const id = route.value.page === 'inbox' ? route.value.params[0] : undefined;
  useEffect(() => {
    if (id) {
      markRead(id);
      void openById(id);
    } else closePane();
  }, [id]);
  const current = id ? open.value : undefined;
  return (
    <div class={`workspace${id ? ' has-conversation' : ''}`}>
      <InboxList selectedId={id} />
      {current ? (
        <ConversationPane key={current.id} />
      ) : (
        <section class="conversation">
          <div class="placeholder">{t('workspace.pick')}</div>
        </section>
      )}
      {current?.detail ? <CustomerPanel key={current.detail.customer.id} customerId={current.detail.customer.id} conversation={current.detail} /> : <aside class="side" />}
    </div>
  );
}
