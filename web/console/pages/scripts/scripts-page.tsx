import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { go, href } from '../../router';
import { when } from '../../format';
import { failed, reason, toast } from '../../state/notify';
import { Button, Chip, confirmDialog } from '../../components/ui';
import { draft, draftError, loadDraft, reloadAfter } from './draft-store';
import { scriptsApi } from './scripts-api';
import { ProblemList } from './problem-list';
import { FlowEditor } from './flow-editor';
import { WordingEditor } from './wording-editor';
import { CatalogueEditor } from './catalogue-editor';
import { IntentsEditor } from './intents-editor';
import { FaqEditor } from './faq-editor';
import { MoreEditor, TestsEditor } from './yaml-editor';
import { VersionsTab } from './versions-tab';
import { TryPanel } from './try-panel';
import { publishDialog } from './publish-dialog';

const TABS = ['flows', 'wording', 'catalogue', 'intents', 'faq', 'tests', 'more', 'versions'] as const;

/** Import an exported file (YAML or JSON) as the draft. */
async function importFile(file: File): Promise<void> {
  try {
    await reloadAfter(scriptsApi.importText(await file.text()));
    toast(t('scripts.imported'));
  } catch (err) {
    failed(err);
  }
}

/** The draft's status: what it started from, what runs, whether it changed, its problems. */
function DraftBar({ onReset }: { onReset(): void }) {
  const d = draft.value!;
  const discard = async () => {
    if (!(await confirmDialog(t('scripts.confirmDiscard'), t('scripts.discard'), true))) return;
    await reloadAfter(scriptsApi.discard()).catch(failed);
    onReset();
  };
  const fromFiles = async () => {
    if (!(await confirmDialog(t('scripts.confirmFromFiles'), t('scripts.importFiles'), true))) return;
    await reloadAfter(scriptsApi.importFiles()).catch(failed);
    onReset();
  };
  const publish = async () => {
    const v = await publishDialog();
    if (!v) return;
    toast(t('scripts.published', { number: v.number }));
    await loadDraft();
    onReset();
  };
  return (
    <div class="sc-bar">
      <div class="sc-status">
        <Chip kind={d.changed ? 'warn' : 'ok'}>{d.changed ? t('scripts.changed') : t('scripts.unchanged')}</Chip>
        <span class="small">{t('scripts.basedOn', { base: d.base, current: d.current })}</span>
        {d.stale ? <Chip kind="warn">{t('scripts.stale', { current: d.current })}</Chip> : null}
        {d.running.error ? <Chip kind="danger">{t('scripts.runningError', { number: d.running.number })}</Chip> : null}
        {d.updatedBy?.name && d.changed ? <span class="muted small">{t('scripts.lastChange', { name: d.updatedBy.name, when: when(d.updatedAt) })}</span> : null}
        {d.problems.length ? <Chip kind="danger">{t('scripts.problemCount', { count: d.problems.length })}</Chip> : null}
      </div>
      <div class="row-actions">
        <label class="btn small sc-import">
          {t('scripts.importFile')}
          <input type="file" accept=".yaml,.yml,.json" hidden onChange={(ev) => {
            const file = (ev.currentTarget as HTMLInputElement).files?.[0];
            if (file) void importFile(file).then(onReset);
          }} />
        </label>
        <Button small onClick={() => void fromFiles()}>{t('scripts.importFiles')}</Button>
        <a class="btn small" href={scriptsApi.exportUrl('draft', 'yaml')} download>{t('scripts.exportYaml')}</a>
        <Button small kind="danger" disabled={!d.changed} onClick={() => void discard()}>{t('scripts.discard')}</Button>
        <Button kind="primary" class="publish" disabled={!d.changed} onClick={() => void publish()}>{t('scripts.publishButton')}</Button>
      </div>
    </div>
  );
}

/**
 * 话术与流程 (managers): the bot's flows, wording, catalogue, intents, FAQ and tests as a draft;
 * "test as a customer" beside it; publish (after the conversation tests pass), versions, rollback.
 */
export default function ScriptsPage({ params }: { params: string[] }) {
  const [generation, setGeneration] = useState(0);
  const [trying, setTrying] = useState(true);
  const tab = (TABS as readonly string[]).includes(params[0]) ? (params[0] as (typeof TABS)[number]) : 'flows';
  const rest = params.slice(1);
  useEffect(() => {
    draftError.value = '';
    loadDraft().catch((err: unknown) => (draftError.value = reason(err)));
  }, []);
  if (draftError.value) return <p class="page-error">{draftError.value}</p>;
  const d = draft.value;
  if (!d) return <div class="boot muted">{t('app.loading')}</div>;
  const reset = () => setGeneration(generation + 1);
  const key = `${tab}:${generation}`;
  return (
    <div class={`page scripts${trying ? ' is-trying' : ''}`}>
      <div class="page-head">
        <h1>{t('scripts.title')}</h1>
        <Button small class="toggle-try" aria-pressed={trying} onClick={() => setTrying(!trying)}>{t('scripts.try.title')}</Button>
      </div>
      <DraftBar onReset={reset} />
      {tab !== 'versions' ? <ProblemList problems={d.problems.filter((p) => tab !== 'flows' || p.section !== 'flows')} title={t('scripts.problemsTitle')} /> : null}
      <nav class="tabs sc-tabs" role="tablist">
        {TABS.map((x) => (
          <a key={x} role="tab" aria-selected={x === tab} class={`tab${x === tab ? ' is-active' : ''}`} data-tab={x} href={href('scripts', x)} onClick={(ev) => { ev.preventDefault(); go('scripts', x); }}>
            {t(`scripts.tab.${x}`)}
          </a>
        ))}
      </nav>
      <div class="sc-body">
        <div class="sc-main">
          {tab === 'flows' ? <FlowEditor key={key} params={rest} /> : null}
          {tab === 'wording' ? <WordingEditor key={key} params={rest} /> : null}
          {tab === 'catalogue' ? <CatalogueEditor key={key} /> : null}
          {tab === 'intents' ? <IntentsEditor key={key} /> : null}
          {tab === 'faq' ? <FaqEditor key={key} /> : null}
          {tab === 'tests' ? <TestsEditor key={key} params={rest} /> : null}
          {tab === 'more' ? <MoreEditor key={key} params={rest} /> : null}
          {tab === 'versions' ? <VersionsTab key={key} onChanged={reset} /> : null}
        </div>
        {trying ? <TryPanel /> : null}
      </div>
    </div>
  );
}
