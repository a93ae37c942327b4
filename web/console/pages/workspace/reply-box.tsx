import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../shared/http';
import type { PhraseMatch } from '../../../../src/http/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { applyMessage, draftInProgress } from '../../state/conversation';
import { sendTyping } from '../../state/realtime';
import { failed } from '../../state/notify';
import { TextArea } from '../../components/text-field';
import { Button } from '../../components/ui';
import { CannedPicker } from './canned-picker';
import { PhraseMatches } from './phrase-matches';
import { filesOf, useFileSender } from './file-sender';
import { Icon } from '../../components/icon';

/** Whether the agent may write here, must claim first, watches another agent's or the bot's chat, or it is closed. */
export type ReplyState = 'open' | 'claim' | 'notYours' | 'bot' | 'closed';

const CHECK_DELAY_MS = 400;
const TYPING_IDLE_MS = 3000;

/** The live forbidden-phrase warning: checked a moment after typing stops, never on half-composed IME text. */
function useLiveCheck(text: string, skip: boolean): PhraseMatch[] {
  const [matches, setMatches] = useState<PhraseMatch[]>([]);
  useEffect(() => {
    if (skip || !text.trim()) {
      setMatches([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      // Advice only: the server checks again when the reply is sent.
      api.checkPhrases(text).then((m) => live && setMatches(m), () => undefined);
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, skip]);
  return matches;
}

/** Tells the customer "typing…" while the agent types a reply, and stops after a pause. */
function useTypingSignal(conversationId: string) {
  const state = useRef({ on: false, timer: undefined as ReturnType<typeof setTimeout> | undefined });
  const stop = () => {
    clearTimeout(state.current.timer);
    if (state.current.on) sendTyping(conversationId, (state.current.on = false));
  };
  useEffect(() => stop, [conversationId]);
  return {
    typed() {
      if (!state.current.on) sendTyping(conversationId, (state.current.on = true));
      clearTimeout(state.current.timer);
      state.current.timer = setTimeout(stop, TYPING_IDLE_MS);
    },
    stop,
  };
}

/**
 * The composer: reply or internal note, canned replies filled in for this chat, a live
 * forbidden-phrase warning, and the server's refusal (422) with the approved wording. Enter sends,
 * Shift+Enter breaks the line, and the Enter that confirms an IME candidate does neither.
 */
export function ReplyBox({ conversationId, state, onClaim }: { conversationId: string; state: ReplyState; onClaim(): void }) {
  const [text, setText] = useState('');
  const [composing, setComposing] = useState(false);
  const [internal, setInternal] = useState(false);
  const [refused, setRefused] = useState<PhraseMatch[] | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [picker, setPicker] = useState(false);
  const input = useRef<HTMLDivElement>(null);
  const chooser = useRef<HTMLInputElement>(null);
  const files = useFileSender(conversationId);
  const typingSignal = useTypingSignal(conversationId);
  const warnings = useLiveCheck(text, internal || composing);
  useEffect(() => {
    draftInProgress.value = !!text.trim();
  }, [text]);
  useEffect(() => () => void (draftInProgress.value = false), []);

  const focus = () => input.current?.querySelector('textarea')?.focus();
  const insert = (snippet: string) => {
    const el = input.current?.querySelector('textarea');
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? start;
    setText(text.slice(0, start) + snippet + text.slice(end));
    setPicker(false);
    requestAnimationFrame(focus);
  };
  const submit = async () => {
    const body = text.trim();
    if (!body || sending || state !== 'open') return;
    setSending(true);
    try {
      const { message } = await api.reply(conversationId, body, internal);
      applyMessage(conversationId, message);
      setText('');
      setRefused(undefined);
      typingSignal.stop();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'FORBIDDEN_PHRASE') setRefused((err.details as { matches?: PhraseMatch[] } | undefined)?.matches ?? []);
      else failed(err);
    } finally {
      setSending(false);
      requestAnimationFrame(focus);
    }
  };
  const useAlternative = (m: PhraseMatch) => setText(text.split(m.phrase).join(m.alternative));

  if (state !== 'open') {
    const notice = { claim: 'reply.claimFirst', notYours: 'reply.notYours', bot: 'reply.botServes', closed: 'reply.closed' }[state];
    return (
      <div class="reply-box is-readonly">
        <div class="reply-notice">
          {t(notice)}
          {state === 'claim' ? (
            <Button kind="primary" small onClick={onClaim}>
              {t('conversation.claim')}
            </Button>
          ) : null}
        </div>
      </div>
    );
  }
  return (
    <form
      class={`reply-box${internal ? ' is-note' : ''}`}
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit();
      }}
      // Pictures and files dropped on the reply box go to the customer (never into a note).
      onDragOver={(ev) => !internal && ev.dataTransfer?.types.includes('Files') && ev.preventDefault()}
      onDrop={(ev) => {
        if (internal || !filesOf(ev.dataTransfer).length) return;
        ev.preventDefault();
        void files.send(filesOf(ev.dataTransfer));
      }}
    >
      {refused ? <PhraseMatches class="phrase-refusal" role="alert" title={t('reply.refusedTitle')} footer={t('reply.refusedRecorded')} matches={refused} onUse={useAlternative} /> : null}
      {warnings.length && !refused ? <PhraseMatches class="phrase-warning" role="status" matches={warnings} onUse={useAlternative} /> : null}
      <div class="reply-toolbar">
        <div class="modes" role="group">
          {[false, true].map((note) => (
            <button key={String(note)} type="button" class={`mode${note === internal ? ' is-active' : ''}${note ? ' mode-note' : ''}`} data-mode={note ? 'note' : 'reply'} aria-pressed={note === internal} onClick={() => setInternal(note)}>
              {note ? t('reply.modeNote') : t('reply.modeReply')}
            </button>
          ))}
        </div>
        <div class="reply-tools">
          {internal ? null : (
            <Button small class="attach-toggle" disabled={files.sending} onClick={() => chooser.current?.click()}>
              <Icon name="attach" />
              {files.sending ? t('media.sending') : t('media.attach')}
            </Button>
          )}
          <input
            ref={chooser}
            type="file"
            hidden
            onChange={(ev) => {
              const el = ev.currentTarget;
              void files.send(filesOf(el)).finally(() => (el.value = ''));
            }}
          />
          <Button small class="canned-toggle" aria-expanded={picker} onClick={() => setPicker(!picker)}>
            {t('reply.canned')}
          </Button>
        </div>
      </div>
      {picker ? <CannedPicker conversationId={conversationId} onPick={insert} /> : null}
      <div ref={input}>
        <TextArea
          class="reply-input"
          rows={3}
          maxLength={4000}
          placeholder={internal ? t('reply.notePlaceholder') : t('reply.placeholder')}
          aria-label={internal ? t('reply.modeNote') : t('reply.modeReply')}
          value={text}
          onValue={(v, isComposing) => {
            setText(v);
            setComposing(isComposing);
            setRefused(undefined);
            if (!internal) typingSignal.typed();
          }}
          onEnter={(ev) => {
            if (ev.shiftKey) return;
            ev.preventDefault();
            void submit();
          }}
          onBlur={typingSignal.stop}
          onPaste={(ev) => {
            const pasted = filesOf(ev.clipboardData);
            if (internal || !pasted.length) return;
            ev.preventDefault();
            void files.send(pasted);
          }}
        />
      </div>
      <div class="reply-actions">
        <button type="submit" class="btn primary" disabled={sending || !text.trim()}>
          {internal ? t('reply.addNote') : t('reply.send')}
        </button>
      </div>
    </form>
  );
}
