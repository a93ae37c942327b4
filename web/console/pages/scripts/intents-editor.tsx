import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { failed, toast } from '../../state/notify';
import { Button, Chip } from '../../components/ui';
import { Choice, ListField, Row, Text } from './fields';
import { draft, problemsOf, savePart } from './draft-store';
import { ProblemList } from './problem-list';

type Intent = { id?: string; flow: string; about?: string; words: Record<string, number>; values?: Record<string, unknown>; slots?: Record<string, number> } & Record<string, unknown>;
type Intents = { human: string[]; cancel: string[]; menu: string[]; changeMind: string[]; negations: string[]; payment: { cod: string[]; online: string[] }; intents: Intent[] } & Record<string, unknown>;

const GLOBAL = ['human', 'cancel', 'menu', 'changeMind', 'negations'] as const;

/** "投诉: 4，客诉: 4" ⇄ {投诉: 4, 客诉: 4}; a word without a weight weighs 2. */
const weightsText = (w: Record<string, number> | undefined) => Object.entries(w ?? {}).map(([k, v]) => `${k}: ${v}`).join('，');
function parseWeights(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of text.split(/[,，、\n]+/).map((x) => x.trim()).filter(Boolean)) {
    const at = Math.max(item.lastIndexOf(':'), item.lastIndexOf('：'));
    const weight = at > 0 ? Number(item.slice(at + 1)) : NaN;
    out[(at > 0 && !Number.isNaN(weight) ? item.slice(0, at) : item).trim()] = Number.isNaN(weight) ? 2 : weight;
  }
  return out;
}

/** Typed words mean the weights shown (a word typed without its weight yet). */
const sameWeights = (typed: string, shown: string) => weightsText(parseWeights(typed)) === shown;

/** 意图和关键词: the global words (转人工, 取消, 菜单…), payment words, and the scored intents that start flows. */
export function IntentsEditor() {
  const d = draft.value!;
  const [data, setData] = useState(() => structuredClone(d.bundle.intents) as Intents);
  const [dirty, setDirty] = useState(false);
  const flows = Object.values(d.bundle.flows).map((f) => String(f.id)).sort();
  const change = (next: Intents) => {
    setData(next);
    setDirty(true);
  };
  const setIntent = (i: number, p: Partial<Intent>) => change({ ...data, intents: data.intents.map((x, j) => (j === i ? { ...x, ...p } : x)) });
  const save = async () => {
    try {
      await savePart({ section: 'intents' }, data);
      setDirty(false);
      toast(t('scripts.saved'));
    } catch (err) {
      failed(err);
    }
  };
  return (
    <section class="sc-intents">
      <div class="page-head">
        <h2>{t('scripts.tab.intents')}</h2>
        <div class="row-actions">
          {dirty ? <Chip kind="warn">{t('scripts.unsaved')}</Chip> : null}
          <Button kind="primary" disabled={!dirty} onClick={() => void save()}>{t('action.save')}</Button>
        </div>
      </div>
      <ProblemList problems={problemsOf({ section: 'intents' })} />
      <fieldset class="card">
        <legend>{t('scripts.globalWords')}</legend>
        {GLOBAL.map((g) => (
          <Row key={g} label={t(`scripts.global.${g}`)} wide>
            <ListField name={g} value={data[g] ?? []} onChange={(v) => change({ ...data, [g]: v })} />
          </Row>
        ))}
        <Row label={t('scripts.global.cod')} wide><ListField name="cod" value={data.payment?.cod ?? []} onChange={(v) => change({ ...data, payment: { ...data.payment, cod: v } })} /></Row>
        <Row label={t('scripts.global.online')} wide><ListField name="online" value={data.payment?.online ?? []} onChange={(v) => change({ ...data, payment: { ...data.payment, online: v } })} /></Row>
      </fieldset>
      {(data.intents ?? []).map((intent, i) => (
        <fieldset key={i} class="card sc-intent" data-intent={intent.id ?? intent.flow}>
          <legend class="mono">{intent.id ?? intent.flow}</legend>
          <div class="sc-grid">
            <Row label={t('scripts.field.intentId')}><Text mono value={intent.id ?? ''} onChange={(v) => setIntent(i, { id: v || undefined })} /></Row>
            <Row label={t('scripts.field.flow')}><Choice value={intent.flow} options={flows} onChange={(v) => setIntent(i, { flow: v ?? '' })} /></Row>
            <Row label={t('scripts.field.about')} wide><Text value={intent.about ?? ''} onChange={(v) => setIntent(i, { about: v || undefined })} /></Row>
          </div>
          <Row label={t('scripts.field.words')} wide><Text multiline name={`words-${i}`} value={weightsText(intent.words)} same={sameWeights} onChange={(v) => setIntent(i, { words: parseWeights(v) })} /></Row>
          <Row label={t('scripts.field.slotWeights')} wide><Text mono name={`slots-${i}`} value={weightsText(intent.slots)} same={sameWeights} onChange={(v) => setIntent(i, { slots: v.trim() ? parseWeights(v) : undefined })} /></Row>
          <Button small kind="danger" onClick={() => change({ ...data, intents: data.intents.filter((_, j) => j !== i) })}>{t('action.delete')}</Button>
        </fieldset>
      ))}
      <Button onClick={() => change({ ...data, intents: [...(data.intents ?? []), { flow: flows[0] ?? '', words: {} }] })}>{t('scripts.addIntent')}</Button>
    </section>
  );
}
