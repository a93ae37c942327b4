import { useEffect, useState } from 'preact/hooks';
import type { FilledReply } from '../../../../src/http/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { reason } from '../../state/notify';
import { TextInput } from '../../components/text-field';
import { Empty } from '../../components/ui';

const SEARCH_DELAY_MS = 200;

/**
 * 话术: search the canned replies; each shows as it will be sent in this chat (the server fills in
 * the salutation, the customer's and agent's names and numbers, the company). A click inserts it.
 */
export function CannedPicker({ conversationId, onPick }: { conversationId: string; onPick(text: string): void }) {
  const [q, setQ] = useState('');
  const [composing, setComposing] = useState(false);
  const [items, setItems] = useState<FilledReply[] | undefined>(undefined);
  const [error, setError] = useState('');
  useEffect(() => {
    if (composing) return;
    let live = true;
    const timer = setTimeout(() => {
      api.cannedFor(conversationId, q.trim()).then(
        (found) => live && (setItems(found), setError('')),
        (err: unknown) => live && setError(reason(err)),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, composing, conversationId]);
  return (
    <div class="canned-picker">
      <TextInput
        class="canned-search"
        type="search"
        placeholder={t('reply.cannedSearch')}
        aria-label={t('reply.cannedSearch')}
        value={q}
        autoFocus
        onValue={(v, isComposing) => {
          setQ(v);
          setComposing(isComposing);
        }}
      />
      {error ? <p class="form-error">{error}</p> : null}
      {items && !items.length ? <Empty>{t('reply.cannedEmpty')}</Empty> : null}
      <ul class="canned-list">
        {(items ?? []).map((r) => (
          <li key={r.id}>
            <button type="button" class="canned-item" onClick={() => onPick(r.filled)}>
              <strong>{r.title}</strong>
              <span class="canned-text">{r.filled}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
