import { useEffect, useRef, useState } from 'preact/hooks';
import type { BotTryAnswer } from '../../../../src/http/contract/bot-content';
import type { Locale } from '../../../../src/http/contract/enums';
import { t } from '../../i18n';
import { reason } from '../../state/notify';
import { Button } from '../../components/ui';
import { TextInput } from '../../components/text-field';
import { BOT_LOCALES, draft } from './draft-store';
import { scriptsApi } from './scripts-api';

type Line = { author: 'customer' | 'bot' | 'note'; text: string; quickReplies?: { label: string; value: string }[]; turn?: BotTryAnswer['turn'] };

const newSession = () => `panel-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** What a turn understood and where the chat is: flow › step, the intent, the values so far. */
function TurnInfo({ turn }: { turn: NonNullable<BotTryAnswer['turn']> }) {
  // Values starting with _ are the engine's bookkeeping, not what the customer said.
  const values = Object.entries(turn.values ?? {}).filter(([k]) => !k.startsWith('_'));
  return (
    <div class="sc-turn-info small">
      <span data-info="step">{t('scripts.try.step')}: {turn.flowId ? `${turn.flowId} › ${turn.stepId ?? ''}` : t('scripts.try.noFlow')}</span>
      <span data-info="understood">{t('scripts.try.understood')}: {turn.understood ?? '—'}</span>
      {values.length ? <span data-info="values">{t('scripts.try.values')}: <code>{values.map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ')}</code></span> : null}
      {turn.handoff ? <span class="chip warn">{t('scripts.try.handoff')}</span> : null}
    </div>
  );
}

/**
 * 以客户身份测试: a chat with the draft as a customer would have it, in the sandbox (its own
 * database: no live conversation, order or lead is touched). Each bot turn shows its step, values
 * and the intent it understood.
 */
export function TryPanel() {
  const [session, setSession] = useState(newSession);
  const [locale, setLocale] = useState<Locale>('zh-CN');
  const [lines, setLines] = useState<Line[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const log = useRef<HTMLDivElement>(null);
  const current = useRef(session);
  current.current = session;
  const hash = draft.value?.hash;
  const turn = async (body: { start?: boolean; text?: string; choice?: string }, shown?: string) => {
    const asked = session;
    setBusy(true);
    if (shown) setLines((l) => [...l, { author: 'customer', text: shown }]);
    try {
      const answer = await scriptsApi.tryTurn({ session, locale, ...body });
      // An answer to a session restarted meanwhile belongs to no chat on screen.
      if (asked !== current.current) return;
      setLines((l) => [...l, ...answer.replies.map((r, i) => ({ author: 'bot' as const, text: r.text, quickReplies: r.quickReplies, turn: i === answer.replies.length - 1 ? answer.turn : undefined })), ...(answer.replies.length ? [] : [{ author: 'note' as const, text: t('scripts.try.silent'), turn: answer.turn }])]);
    } catch (err) {
      if (asked === current.current) setLines((l) => [...l, { author: 'note', text: reason(err) }]);
    } finally {
      setBusy(false);
    }
  };
  // A new session greets; the language is the customer's from their first message on.
  useEffect(() => {
    setLines([]);
    void turn({ start: true });
  }, [session]);
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [lines.length]);
  const send = () => {
    const value = text.trim();
    if (!value || busy) return;
    setText('');
    void turn({ text: value }, value);
  };
  return (
    <aside class="sc-try" aria-label={t('scripts.try.title')}>
      <div class="sc-try-head">
        <strong>{t('scripts.try.title')}</strong>
        <select name="try-locale" value={locale} onChange={(ev) => {
          setLocale((ev.currentTarget as HTMLSelectElement).value as Locale);
          setSession(newSession());
        }}>
          {BOT_LOCALES.map((l) => <option key={l} value={l}>{t(`locale.${l}`)}</option>)}
        </select>
        <Button small class="try-restart" onClick={() => setSession(newSession())}>{t('scripts.try.restart')}</Button>
      </div>
      <p class="muted small">{t('scripts.try.hint')}{hash ? ` · ${hash.slice(0, 7)}` : ''}</p>
      <div class="sc-try-log" ref={log}>
        {lines.map((line, i) => (
          <div key={i} class={`sc-try-line ${line.author}`} data-author={line.author}>
            <div class="sc-try-bubble">{line.text}</div>
            {line.quickReplies?.length ? (
              <div class="sc-try-chips">
                {line.quickReplies.map((q) => <button key={q.value} type="button" class="chip" disabled={busy} onClick={() => void turn({ choice: q.value, text: q.label }, q.label)}>{q.label}</button>)}
              </div>
            ) : null}
            {line.turn ? <TurnInfo turn={line.turn} /> : null}
          </div>
        ))}
        {busy ? <div class="muted small">{t('scripts.try.thinking')}</div> : null}
      </div>
      <div class="sc-try-input">
        <TextInput name="try-text" placeholder={t('scripts.try.placeholder')} value={text} onValue={(v) => setText(v)} onEnter={(ev) => { ev.preventDefault(); send(); }} />
        <Button kind="primary" disabled={busy || !text.trim()} onClick={send}>{t('scripts.try.send')}</Button>
      </div>
    </aside>
  );
}
