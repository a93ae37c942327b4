import { useEffect, useState } from 'preact/hooks';
import type { ForbiddenPhrase, PhraseInput } from '../../../../src/http/contract';
import { CATEGORY_RULES, PHRASE_CATEGORIES, type PhraseCategory } from '../../../../src/http/contract/enums';
import { api } from '../../api';
import { t } from '../../i18n';
import { failed, reason, toast } from '../../state/notify';
import { isManager } from '../../state/session';
import { Button, confirmDialog } from '../../components/ui';
import { TextArea, TextInput } from '../../components/text-field';

const list = (s: string) => s.split(/[,，、\n]+/).map((x) => x.trim()).filter(Boolean);

/** One phrase in edit mode (or a new one). */
function PhraseRow({ phrase, onSaved, onCancel }: { phrase?: ForbiddenPhrase; onSaved(): void; onCancel(): void }) {
  const [text, setText] = useState(phrase?.phrase ?? '');
  const [alternative, setAlternative] = useState(phrase?.alternative ?? '');
  const [category, setCategory] = useState<PhraseCategory>(phrase?.category ?? 'impolite');
  const [fine, setFine] = useState(String(phrase?.fine ?? CATEGORY_RULES.impolite.fine));
  const [exceptions, setExceptions] = useState((phrase?.exceptions ?? []).join('，'));
  const save = async () => {
    const body: PhraseInput = { phrase: text, alternative, category, fine: Number(fine) || 0, exceptions: list(exceptions) };
    try {
      if (phrase) await api.updatePhrase(phrase.id, body);
      else await api.addPhrase(body);
      onSaved();
    } catch (err) {
      failed(err);
    }
  };
  return (
    <tr class="is-editing">
      <td><TextInput name="phrase" maxLength={200} value={text} onValue={(v) => setText(v)} /></td>
      <td><TextArea name="alternative" rows={2} maxLength={1000} value={alternative} onValue={(v) => setAlternative(v)} /></td>
      <td>
        <select name="category" value={category} onChange={(ev) => {
          const next = (ev.currentTarget as HTMLSelectElement).value as PhraseCategory;
          setCategory(next);
          setFine(String(CATEGORY_RULES[next].fine));
        }}>
          {PHRASE_CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
        </select>
      </td>
      <td><input name="fine" type="number" min="0" step="1" value={fine} onInput={(ev) => setFine((ev.currentTarget as HTMLInputElement).value)} /></td>
      <td><TextInput name="exceptions" placeholder={t('quality.exceptionsHint')} value={exceptions} onValue={(v) => setExceptions(v)} /></td>
      <td class="row-actions">
        <Button small kind="primary" onClick={() => void save()}>{t('action.save')}</Button>
        <Button small onClick={onCancel}>{t('action.cancel')}</Button>
      </td>
    </tr>
  );
}

/** 服务禁语: the list with approved wording, category, fine and exceptions; managers edit it. */
export function PhrasesEditor() {
  const [phrases, setPhrases] = useState<ForbiddenPhrase[] | undefined>(undefined);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState('');
  useEffect(() => {
    api.forbiddenPhrases().then(setPhrases, (err: unknown) => setError(reason(err)));
  }, [version]);
  const saved = () => {
    setEditing(undefined);
    setVersion(version + 1);
    toast(t('action.saved'));
  };
  const remove = async (p: ForbiddenPhrase) => {
    if (!(await confirmDialog(t('quality.confirmDelete', { phrase: p.phrase }), t('action.delete'), true))) return;
    try {
      await api.deletePhrase(p.id);
      setVersion(version + 1);
    } catch (err) {
      failed(err);
    }
  };
  const canEdit = isManager.value;
  return (
    <section class="card phrases">
      <div class="page-head">
        <h2>{t('quality.phrasesTitle')}</h2>
        {canEdit ? <Button small kind="primary" onClick={() => setEditing('new')}>{t('quality.addPhrase')}</Button> : null}
      </div>
      <p class="muted small">{t('quality.phrasesHint')}</p>
      {error ? <p class="form-error">{error}</p> : null}
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              <th>{t('quality.phrase')}</th>
              <th>{t('quality.alternative')}</th>
              <th>{t('quality.category')}</th>
              <th>{t('quality.fine')}</th>
              <th>{t('quality.exceptions')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {editing === 'new' ? <PhraseRow onSaved={saved} onCancel={() => setEditing(undefined)} /> : null}
            {(phrases ?? []).map((p) =>
              editing === p.id ? (
                <PhraseRow key={p.id} phrase={p} onSaved={saved} onCancel={() => setEditing(undefined)} />
              ) : (
                <tr key={p.id}>
                  <td class="phrase-cell">{p.phrase}</td>
                  <td class="small">{p.alternative}</td>
                  <td>{t(`category.${p.category}`)}</td>
                  <td>{t('quality.yuan', { n: p.fine })}</td>
                  <td class="small">{p.exceptions.join('、')}</td>
                  <td class="row-actions">
                    {canEdit ? (
                      <>
                        <Button small onClick={() => setEditing(p.id)}>{t('action.edit')}</Button>
                        <Button small kind="danger" onClick={() => void remove(p)}>{t('action.delete')}</Button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
