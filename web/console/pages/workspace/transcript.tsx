import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatMessage } from '../../../../src/http/contract';
import { t } from '../../i18n';
import { when } from '../../format';
import { typing } from '../../state/inbox';
import { isManager } from '../../state/session';
import { reportMessage } from './report-dialog';
import { Attachments } from './attachments';

function author(m: ChatMessage): string {
  if (m.author === 'agent') return m.agent ? `${m.agent.name} · ${m.agent.number}` : t('author.agent');
  return t(`author.${m.author}`);
}

function Message({ m, canReport }: { m: ChatMessage; canReport: boolean }) {
  if (m.author === 'system') {
    return (
      <div class="msg msg-system" data-id={m.id} data-author="system">
        <span>{m.text}</span>
        <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
      </div>
    );
  }
  const failedDelivery = m.delivery?.state === 'failed';
  const classes = ['msg', `msg-${m.author}`, m.internal ? 'msg-internal' : '', failedDelivery ? 'msg-failed' : ''].filter(Boolean).join(' ');
  return (
    <div class={classes} data-id={m.id} data-author={m.author}>
      <div class="msg-head">
        <span class="msg-author">{author(m)}</span>
        {m.internal ? <span class="note-tag">{t('reply.noteTag')}</span> : null}
        <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
        {canReport && m.author === 'agent' && !m.internal ? (
          <button type="button" class="link small report-msg" onClick={() => void reportMessage(m)}>
            {t('quality.report')}
          </button>
        ) : null}
      </div>
      {m.attachments?.length ? <Attachments items={m.attachments} /> : null}
      {m.text || !m.attachments?.length ? <div class="msg-body">{m.text}</div> : null}
      {m.quickReplies?.length ? (
        <div class="msg-options">
          {m.quickReplies.map((q) => (
            <span key={q.value} class="chip muted">
              {q.label}
            </span>
          ))}
        </div>
      ) : null}
      {failedDelivery ? (
        <div class="msg-error" role="note">
          {t('reply.deliveryFailed', { error: m.delivery?.error ?? '?' })}
        </div>
      ) : null}
      {m.delivery?.state === 'pending' ? <div class="msg-state">{t('reply.deliveryPending')}</div> : null}
    </div>
  );
}

/**
 * The transcript: customer on the left, bot and agents on the right, notes in yellow; dates with
 * times on any day before today. It follows the newest message unless the agent scrolled up.
 */
export function Transcript({ conversationId, messages }: { conversationId: string; messages: ChatMessage[] }) {
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const on = !!typing.value[conversationId];
  useLayoutEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, on]);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    // The reply box grows (warnings) and shrinks the transcript: stay at the bottom.
    const observer = new ResizeObserver(() => stick.current && (el.scrollTop = el.scrollHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const canReport = isManager.value;
  return (
    <div
      class="transcript"
      role="log"
      aria-live="polite"
      ref={box}
      onScroll={(ev) => {
        const el = ev.currentTarget as HTMLDivElement;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
      // A picture that loads after its message grows the transcript: stay at the bottom.
      onLoadCapture={(ev) => stick.current && ((ev.currentTarget as HTMLDivElement).scrollTop = (ev.currentTarget as HTMLDivElement).scrollHeight)}
    >
      <div class="transcript-list">
        {messages.map((m) => (
          <Message key={m.id} m={m} canReport={canReport} />
        ))}
      </div>
      {on ? <div class="typing-line">{t('reply.customerTyping')}</div> : null}
    </div>
  );
}
