import { useState } from 'preact/hooks';
import type { ChatMessage } from '../../../../src/http/contract';
import { PHRASE_CATEGORIES, type PhraseCategory } from '../../../../src/http/contract/enums';
import { api } from '../../api';
import { t } from '../../i18n';
import { failed, toast } from '../../state/notify';
import { Button, Field, openDialog } from '../../components/ui';
import { TextArea, TextInput } from '../../components/text-field';

function ReportForm({ m, close }: { m: ChatMessage; close: (done?: boolean) => void }) {
  const [category, setCategory] = useState<PhraseCategory>('impolite');
  const [phrase, setPhrase] = useState('');
  const [reason, setReason] = useState('');
  const submit = async (ev: Event) => {
    ev.preventDefault();
    try {
      await api.report({ messageId: m.id, category, reason: reason.trim(), ...(phrase.trim() ? { phrase: phrase.trim() } : {}) });
      toast(t('quality.reported'));
      close(true);
    } catch (err) {
      failed(err);
    }
  };
  return (
    <form class="modal report-dialog" role="dialog" aria-modal="true" onSubmit={submit}>
      <h3>{t('quality.reportTitle')}</h3>
      <blockquote class="quote">{m.text}</blockquote>
      <Field label={t('quality.category')}>
        <select name="category" value={category} onChange={(ev) => setCategory((ev.currentTarget as HTMLSelectElement).value as PhraseCategory)}>
          {PHRASE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('quality.phraseAtFault')} hint={t('quality.phraseAtFaultHint')}>
        <TextInput name="phrase" maxLength={200} value={phrase} onValue={(v) => setPhrase(v)} />
      </Field>
      <Field label={t('quality.reason')}>
        <TextArea name="reason" rows={3} maxLength={500} value={reason} onValue={(v) => setReason(v)} />
      </Field>
      <p class="muted small">{t('quality.reportHint')}</p>
      <div class="modal-actions">
        <Button onClick={() => close()}>{t('action.cancel')}</Button>
        <Button kind="danger" type="submit" disabled={!reason.trim()}>
          {t('quality.report')}
        </Button>
      </div>
    </form>
  );
}

/** A manager reports a sent agent message as an offence (the customer saw it: it is fined). */
export function reportMessage(m: ChatMessage): Promise<boolean | undefined> {
  return openDialog<boolean>((close) => <ReportForm m={m} close={close} />);
}
