import { useEffect, useState } from 'preact/hooks';
import type { AgentSummary } from '../../../../src/http/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { reason } from '../../state/notify';
import { Button, Empty, openDialog } from '../../components/ui';

function TransferList({ myId, close }: { myId: string; close: (id?: string) => void }) {
  const [agents, setAgents] = useState<AgentSummary[] | undefined>(undefined);
  const [error, setError] = useState('');
  useEffect(() => {
    api.agents().then(
      (all) => setAgents(all.filter((a) => a.id !== myId && a.presence !== 'offline' && a.role !== 'admin')),
      (err: unknown) => setError(reason(err)),
    );
  }, [myId]);
  return (
    <div class="modal transfer" role="dialog" aria-modal="true">
      <h3>{t('conversation.transferTitle')}</h3>
      {error ? <p class="form-error">{error}</p> : null}
      {agents && !agents.length ? <Empty>{t('conversation.transferNone')}</Empty> : null}
      <ul class="agent-list">
        {(agents ?? []).map((a) => (
          <li key={a.id}>
            <button type="button" class="agent-row" onClick={() => close(a.id)}>
              <span class={`presence-dot ${a.presence}`} aria-hidden="true" />
              <strong>{a.name}</strong>
              <span class="muted">{a.agentNumber}</span>
              <span class="muted">{t(`presence.${a.presence}`)}</span>
              <span class="muted">{t('team.load', { active: a.activeChats, max: a.maxChats })}</span>
            </button>
          </li>
        ))}
      </ul>
      <div class="modal-actions">
        <Button onClick={() => close()}>{t('action.cancel')}</Button>
      </div>
    </div>
  );
}

/** Picks an agent who is not offline to hand the chat to; undefined when cancelled. */
export function pickTransferTarget(myId: string): Promise<string | undefined> {
  return openDialog<string>((close) => <TransferList myId={myId} close={close} />);
}
