import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { failed, toast } from '../../state/notify';
import { Button, Chip } from '../../components/ui';
import { ListField, Row, Text } from './fields';
import { BOT_LOCALES, draft, problemsOf, savePart } from './draft-store';
import { ProblemList } from './problem-list';
import { LocalizedFields } from './catalogue-editor';

type Localized = Record<string, string>;
type Entry = { id: string; tags?: string[]; title: Localized; questions: Record<string, string[]>; answer: Localized } & Record<string, unknown>;
type Knowledge = { entries: Entry[]; synonyms?: string[][] } & Record<string, unknown>;

/** 常见问题: the company's FAQ entries (the ways customers ask, the answer per locale) and its search synonyms. */
export function FaqEditor() {
  const d = draft.value!;
  const [data, setData] = useState(() => structuredClone(d.bundle.knowledge) as Knowledge);
  const [dirty, setDirty] = useState(false);
  const entries = data.entries ?? [];
  const change = (next: Knowledge) => {
    setData(next);
    setDirty(true);
  };
  const setEntry = (i: number, p: Partial<Entry>) => change({ ...data, entries: entries.map((x, j) => (j === i ? { ...x, ...p } : x)) });
  const save = async () => {
    try {
      await savePart({ section: 'knowledge' }, data);
      setDirty(false);
      toast(t('scripts.saved'));
    } catch (err) {
      failed(err);
    }
  };
  return (
    <section class="sc-faq">
      <div class="page-head">
        <h2>{t('scripts.tab.faq')}</h2>
        <div class="row-actions">
          {dirty ? <Chip kind="warn">{t('scripts.unsaved')}</Chip> : null}
          <Button kind="primary" disabled={!dirty} onClick={() => void save()}>{t('action.save')}</Button>
        </div>
      </div>
      <p class="muted small">{t('scripts.faqHint')}</p>
      <ProblemList problems={problemsOf({ section: 'knowledge' })} />
      {entries.map((e, i) => (
        <fieldset key={i} class="card sc-entry" data-entry={e.id}>
          <legend class="mono">{e.id || t('scripts.newEntry')}</legend>
          <div class="sc-grid">
            <Row label={t('scripts.field.entryId')}><Text mono value={e.id} onChange={(v) => setEntry(i, { id: v })} /></Row>
            <Row label={t('scripts.field.tags')} wide><ListField value={e.tags ?? []} onChange={(v) => setEntry(i, { tags: v })} /></Row>
          </div>
          <LocalizedFields label={t('scripts.field.entryTitle')} name={`title-${i}`} value={e.title} onChange={(v) => setEntry(i, { title: v })} />
          <fieldset class="sc-localized">
            <legend>{t('scripts.field.questions')}</legend>
            <div class="sc-locales">
              {BOT_LOCALES.map((l) => (
                <label key={l} class="sc-locale" data-locale={l}>
                  <span class="sc-locale-name">{t(`locale.${l}`)}</span>
                  <ListField name={`questions-${i}-${l}`} value={e.questions?.[l] ?? []} onChange={(v) => setEntry(i, { questions: { ...e.questions, [l]: v } })} />
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset class="sc-localized">
            <legend>{t('scripts.field.answer')}</legend>
            <div class="sc-locales">
              {BOT_LOCALES.map((l) => (
                <label key={l} class={`sc-locale${e.answer?.[l] ? '' : ' is-missing'}`} data-locale={l}>
                  <span class="sc-locale-name">{t(`locale.${l}`)}</span>
                  <Text multiline name={`answer-${i}-${l}`} value={e.answer?.[l] ?? ''} onChange={(v) => setEntry(i, { answer: { ...e.answer, [l]: v } })} />
                </label>
              ))}
            </div>
          </fieldset>
          <Button small kind="danger" onClick={() => change({ ...data, entries: entries.filter((_, j) => j !== i) })}>{t('action.delete')}</Button>
        </fieldset>
      ))}
      <Button onClick={() => change({ ...data, entries: [...entries, { id: '', tags: [], title: {}, questions: { 'zh-CN': [], 'zh-TW': [], en: [] }, answer: {} }] })}>{t('scripts.addEntry')}</Button>
      <fieldset class="card">
        <legend>{t('scripts.field.searchSynonyms')}</legend>
        {(data.synonyms ?? []).map((group, i) => (
          <Row key={i} label={`${i + 1}`} wide>
            <ListField value={group} onChange={(v) => change({ ...data, synonyms: (data.synonyms ?? []).map((x, j) => (j === i ? v : x)).filter((x) => x.length) })} />
          </Row>
        ))}
        <Button small onClick={() => change({ ...data, synonyms: [...(data.synonyms ?? []), []] })}>{t('scripts.addSynonyms')}</Button>
      </fieldset>
    </section>
  );
}
