import { ApiError } from '../../../shared/http';
import type { ConversationDetail } from '../../../../src/http/contract';
import { api } from '../../api';
import { t, tOr } from '../../i18n';
import { go } from '../../router';
import { channelName, duration, when } from '../../format';
import { open, reload } from '../../state/conversation';
import { claiming, upsert } from '../../state/inbox';
import { failed, toast } from '../../state/notify';
import { me } from '../../state/session';
import { reloadAll } from '../../state/live';
import { Button, Chip, confirmDialog } from '../../components/ui';
import { Icon } from '../../components/icon';
import { Transcript } from './transcript';
import { ReplyBox, type ReplyState } from './reply-box';
import { pickTransferTarget } from './transfer-dialog';

function replyState(d: ConversationDetail): ReplyState {
  const user = me.value!;
  if (d.status === 'closed') return 'closed';
  if (d.status === 'waiting') return 'claim';
  if (d.status === 'assigned') return d.assignee?.id === user.id || user.role !== 'agent' ? 'open' : 'notYours';
  return 'bot';
}

async function act(id: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'CHAT_NOT_CLAIMABLE') toast(t('conversation.notClaimable'), 'error');
    else failed(err);
  }
  await Promise.all([reloadAll(), reload(id)]);
}

async function claim(id: string): Promise<void> {
  claiming.add(id);
  try {
    await act(id, async () => upsert((await api.claim(id)).conversation));
  } finally {
    claiming.delete(id);
  }
}

function Facts({ d }: { d: ConversationDetail }) {
  const facts = [
    d.handoffReason ? tOr(`handoff.${d.handoffReason}`, d.handoffReason) : '',
    d.assignee ? t('conversation.assignee', { name: d.assignee.name, number: d.assignee.agentNumber }) : '',
    d.createdAt ? t('conversation.started', { time: when(d.createdAt) }) : '',
    d.closedAt ? t('conversation.closedAt', { time: when(d.closedAt) }) : '',
    d.sla.firstResponseSeconds !== undefined ? t('conversation.firstResponse', { time: duration(d.sla.firstResponseSeconds) }) : '',
    d.sla.handlingSeconds !== undefined ? t('conversation.handling', { time: duration(d.sla.handlingSeconds) }) : '',
    d.rating ? t('conversation.rating', { overall: d.rating.overall }) + (d.rating.comment ? ` “${d.rating.comment}”` : '') : '',
  ].filter(Boolean);
  return <div class="conv-facts">{facts.join(' · ')}</div>;
}

/** The middle column: who and what, the actions the agent may take, the transcript and the reply box. */
export function ConversationPane() {
  const current = open.value!;
  const d = current.detail;
  if (!d) return <section class="conversation">{current.error ? <div class="placeholder error">{t('error.load', { error: current.error })}</div> : <div class="placeholder muted">{t('app.loading')}</div>}</section>;
  const user = me.value!;
  const serious = d.priority >= 10 || d.handoffReason === 'serious_complaint';
  const serving = d.status === 'assigned' && (d.assignee?.id === user.id || user.role !== 'agent');
  const canClose = serving || (d.status === 'waiting' && user.role !== 'agent');
  return (
    <section class="conversation">
      <header class="conv-header">
        <div class="conv-title">
          <button type="button" class="icon-btn back" aria-label={t('action.back')} onClick={() => go('inbox')}>
            <Icon name="back" />
          </button>
          <h2>{d.customer.name || d.customer.phone || t('customer.visitor')}</h2>
          <Chip kind="channel">{channelName(d.channel)}</Chip>
          <Chip kind={`status-${d.status}`}>{tOr(`status.${d.status}`, d.status)}</Chip>
          {serious ? <Chip kind="danger">{t('conversation.serious')}</Chip> : null}
        </div>
        <Facts d={d} />
        <div class="conv-actions">
          {d.status === 'waiting' ? (
            <Button kind="primary" onClick={() => void claim(d.id)}>
              {t('conversation.claim')}
            </Button>
          ) : null}
          {serving ? (
            <Button
              onClick={async () => {
                const target = await pickTransferTarget(user.id);
                if (target) await act(d.id, () => api.transfer(d.id, target));
              }}
            >
              {t('conversation.transfer')}
            </Button>
          ) : null}
          {serving ? (
            <Button onClick={async () => (await confirmDialog(t('conversation.confirmReturn'))) && act(d.id, () => api.returnToBot(d.id))}>{t('conversation.returnToBot')}</Button>
          ) : null}
          {canClose ? (
            <Button kind="danger" onClick={async () => (await confirmDialog(t('conversation.confirmClose'), t('conversation.close'), true)) && act(d.id, () => api.close(d.id))}>
              {t('conversation.close')}
            </Button>
          ) : null}
        </div>
      </header>
      <Transcript conversationId={d.id} messages={current.messages} />
      <ReplyBox conversationId={d.id} state={replyState(d)} onClaim={() => void claim(d.id)} />
    </section>
  );
}
