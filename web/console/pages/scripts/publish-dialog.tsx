import { useState } from 'preact/hooks';
import type { BotTestRunView, BotVersionMeta } from '../../../../src/http/contract/bot-content';
import { t } from '../../i18n';
import { reason } from '../../state/notify';
import { Button, Field, openDialog } from '../../components/ui';
import { TextArea } from '../../components/text-field';
import { draft } from './draft-store';
import { scriptsApi } from './scripts-api';
import { ProblemList } from './problem-list';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The run's failures: which test, in which file, and why. */
export function TestFailures({ run }: { run: BotTestRunView }) {
  return (
    <div class="sc-failures" role="alert">
      <strong>{run.status === 'error' ? t('scripts.publish.runError') : t('scripts.publish.failed', { failed: run.failures.length, total: run.total })}</strong>
      {run.error ? <pre class="sc-failure-text">{run.error}</pre> : null}
      <ul>
        {run.failures.map((f, i) => (
          <li key={i} class="sc-failure" data-file={f.file}>
            <span class="mono">flows/tests/{f.file}.yaml</span> › <strong>{f.name || t('scripts.publish.wholeFile')}</strong>
            <pre class="sc-failure-text">{f.message}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PublishForm({ close }: { close(v?: BotVersionMeta): void }) {
  const d = draft.value!;
  const [note, setNote] = useState('');
  const [phase, setPhase] = useState<'idle' | 'testing' | 'publishing'>('idle');
  const [run, setRun] = useState<BotTestRunView | undefined>(undefined);
  const [error, setError] = useState('');
  const go = async () => {
    setError('');
    setPhase('testing');
    try {
      let r = await scriptsApi.startTests();
      setRun(r);
      while (r.status === 'running') {
        await sleep(1000);
        r = await scriptsApi.testRun(r.id);
        setRun(r);
      }
      if (r.status !== 'passed') return setPhase('idle');
      setPhase('publishing');
      close(await scriptsApi.publish(note));
    } catch (err) {
      setError(reason(err));
      setPhase('idle');
    }
  };
  return (
    <div class="modal sc-publish" role="dialog" aria-modal="true">
      <h3>{t('scripts.publish.title')}</h3>
      <p class="muted small">{t('scripts.publish.hint', { count: d.testCount })}</p>
      <ProblemList problems={d.problems} title={t('scripts.publish.problems')} />
      <Field label={t('scripts.publish.note')}>
        <TextArea name="note" rows={2} maxLength={500} value={note} onValue={(v) => setNote(v)} />
      </Field>
      {phase === 'testing' ? <p class="sc-progress" role="status">{t('scripts.publish.testing', { count: d.testCount })}</p> : null}
      {phase === 'publishing' ? <p class="sc-progress" role="status">{t('scripts.publish.publishing')}</p> : null}
      {run && (run.status === 'passed' ? <p class="sc-passed">{t('scripts.publish.passed', { count: run.total })}</p> : run.status !== 'running' ? <TestFailures run={run} /> : null)}
      {error ? <p class="form-error">{error}</p> : null}
      <div class="modal-actions">
        <Button onClick={() => close()} disabled={phase !== 'idle'}>{t('action.cancel')}</Button>
        <Button kind="primary" class="confirm-publish" disabled={phase !== 'idle' || d.problems.length > 0 || !d.changed} onClick={() => void go()}>
          {t('scripts.publish.go')}
        </Button>
      </div>
    </div>
  );
}

/** Runs the conversation tests against the draft and publishes it if they pass; resolves with the new version. */
export function publishDialog(): Promise<BotVersionMeta | undefined> {
  return openDialog<BotVersionMeta>((close) => <PublishForm close={close} />);
}
