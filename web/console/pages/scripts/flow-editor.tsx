import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { go } from '../../router';
import { failed, toast } from '../../state/notify';
import { Button, Chip, confirmDialog } from '../../components/ui';
import { Choice, ListField, Row, Text, TextKeyField, type WordingAccess } from './fields';
import { draft, problemsOf, savePart, removePart, splitKey, textAt, withText, type Wording } from './draft-store';
import { setField, StepForm, STEP_KINDS } from './step-form';
import type { StepContext, StepData } from './step-parts';
import { ProblemList } from './problem-list';

type Flow = Record<string, unknown> & { id?: string; start?: string; steps?: Record<string, StepData> };

/** What a new step of a kind starts with (the form fills in the rest). */
function newStep(kind: string, flowId: string, first: string, action: string): StepData {
  const key = `${flowId}:`;
  switch (kind) {
    case 'say':
      return { kind, text: key };
    case 'ask':
      return { kind, prompt: key, type: 'text', save: 'answer', next: first };
    case 'confirm':
      return { kind, prompt: key, fields: [], yes: first };
    case 'branch':
      return { kind, cases: [], else: first };
    case 'action':
      return { kind, action };
    case 'goto':
      return { kind, step: first };
    default:
      return { kind: 'end', menu: true };
  }
}

/** Where a step leads, in a few words. */
function targets(step: StepData): string {
  const list = [step.next, step.yes, step.else, step.onGiveUp, step.onError, step.step, step.flow && `→ ${String(step.flow)}`, ...(Array.isArray(step.cases) ? step.cases.map((c: { next?: string }) => c.next) : [])];
  return [...new Set(list.filter(Boolean).map(String))].join(', ');
}

/** One flow: its title, trigger words and start, and its steps as a list with a form per step. */
function FlowForm({ stem, openStep }: { stem: string; openStep?: string }) {
  const d = draft.value!;
  const [flow, setFlow] = useState<Flow>(() => structuredClone(d.bundle.flows[stem]) as Flow);
  const [pending, setPending] = useState<Record<string, Wording>>({});
  const [dirty, setDirty] = useState(false);
  const [adding, setAdding] = useState({ name: '', kind: 'say' });
  const flowId = String(flow.id ?? stem);
  const steps = flow.steps ?? {};
  const names = Object.keys(steps);
  const access: WordingAccess = {
    wording: (ns) => pending[ns] ?? d.bundle.wording[ns],
    setText: (key, locale, text) => {
      const { ns, path } = splitKey(key);
      if (!path.length || textAt((pending[ns] ?? d.bundle.wording[ns])?.[locale], path) === text) return;
      setPending((p) => ({ ...p, [ns]: withText(p[ns] ?? d.bundle.wording[ns], locale, path, text) }));
      setDirty(true);
    },
  };
  const change = (next: Flow) => {
    setFlow(next);
    setDirty(true);
  };
  const setStep = (name: string, step: StepData | undefined) => {
    const all = { ...steps };
    if (step) all[name] = step;
    else delete all[name];
    change({ ...flow, steps: all });
  };
  const save = async () => {
    try {
      await savePart({ section: 'flows', name: stem }, flow);
      for (const [ns, wording] of Object.entries(pending)) await savePart({ section: 'wording', name: ns }, wording);
      setPending({});
      setDirty(false);
      toast(t('scripts.saved'));
    } catch (err) {
      failed(err);
    }
  };
  const ctx = (stepId?: string): StepContext => ({
    flowId, steps: names, flows: Object.values(d.bundle.flows).map((f) => String(f.id)), actions: d.actions, slots: d.slots, access,
    problems: problemsOf({ section: 'flows', name: stem, ...(stepId ? { stepId } : {}) }),
  });
  const flowProblems = problemsOf({ section: 'flows', name: stem }).filter((p) => !p.stepId);
  const add = () => {
    const name = adding.name.trim();
    if (!/^[a-z][a-z0-9_]*$/.test(name) || steps[name]) return toast(t('scripts.badStepName'), 'error');
    setStep(name, newStep(adding.kind, flowId, names[0] ?? name, d.actions[0] ?? ''));
    setAdding({ name: '', kind: adding.kind });
    go('scripts', 'flows', stem, name);
  };
  return (
    <section class="sc-flow" data-flow={stem}>
      <div class="page-head">
        <h2>
          {flowId} <span class="muted small">v{String(flow.version ?? '')}</span>
        </h2>
        <div class="row-actions">
          {dirty ? <Chip kind="warn">{t('scripts.unsaved')}</Chip> : null}
          <Button kind="primary" class="save-flow" disabled={!dirty} onClick={() => void save()}>{t('action.save')}</Button>
        </div>
      </div>
      <ProblemList problems={flowProblems} />
      <div class="sc-grid">
        <Row label={t('scripts.field.start')} problem={flowProblems.find((p) => p.field === 'start')?.message}>
          <Choice name="start" value={flow.start} options={names} onChange={(v) => change({ ...flow, start: v })} />
        </Row>
        <Row label={t('scripts.field.triggers')} wide>
          <ListField name="triggers" value={(flow.triggers as string[] | undefined) ?? []} onChange={(v) => change(setField(flow as StepData, 'triggers', v.length ? v : undefined) as Flow)} />
        </Row>
      </div>
      <TextKeyField label={t('scripts.field.title')} name="title" value={String(flow.title ?? '')} access={access} onChange={(v) => change(setField(flow as StepData, 'title', v) as Flow)} />
      <ol class="sc-steps">
        {names.map((name) => {
          const step = steps[name];
          const open = name === openStep;
          const problems = problemsOf({ section: 'flows', name: stem, stepId: name });
          return (
            <li key={name} class={`sc-step${open ? ' is-open' : ''}${problems.length ? ' has-problem' : ''}`} data-step={name}>
              <button type="button" class="sc-step-head" aria-expanded={open} onClick={() => go('scripts', 'flows', stem, ...(open ? [] : [name]))}>
                <span class="sc-step-name mono">{name}</span>
                <Chip>{t(`scripts.kind.${step.kind}`)}</Chip>
                {name === flow.start ? <Chip kind="ok">{t('scripts.startStep')}</Chip> : null}
                <span class="muted small">{targets(step)}</span>
                {problems.length ? <Chip kind="danger">{t('scripts.problemCount', { count: problems.length })}</Chip> : null}
              </button>
              {open ? (
                <div class="sc-step-body">
                  <ProblemList problems={problems} />
                  <StepForm step={step} ctx={ctx(name)} onChange={(s) => setStep(name, s)} />
                  <Button small kind="danger" onClick={() => setStep(name, undefined)}>{t('scripts.deleteStep')}</Button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div class="sc-add">
        <Row label={t('scripts.newStepName')}><Text mono name="new-step" value={adding.name} onChange={(v) => setAdding({ ...adding, name: v })} /></Row>
        <Row label={t('scripts.stepKind')}><Choice name="new-kind" value={adding.kind} options={STEP_KINDS} onChange={(v) => setAdding({ ...adding, kind: v ?? 'say' })} /></Row>
        <Button onClick={add}>{t('scripts.addStep')}</Button>
      </div>
    </section>
  );
}

/** 流程: the flows of the draft; one open with its steps. */
export function FlowEditor({ params }: { params: string[] }) {
  const d = draft.value!;
  const stems = useMemo(() => Object.keys(d.bundle.flows).sort(), [d.bundle.flows]);
  const [stem, step] = params;
  const [newId, setNewId] = useState('');
  useEffect(() => {
    if (!stem && stems.length) go('scripts', 'flows', stems[0]);
  }, [stem, stems.length]);
  const create = async () => {
    const id = newId.trim();
    if (!/^[a-z][a-z0-9-]*$/.test(id) || d.bundle.flows[id]) return toast(t('scripts.badFlowId'), 'error');
    try {
      await savePart({ section: 'flows', name: id }, { id, version: 1, start: 'start', steps: { start: { kind: 'end', menu: true } } });
      setNewId('');
      go('scripts', 'flows', id);
    } catch (err) {
      failed(err);
    }
  };
  const remove = async (s: string) => {
    if (!(await confirmDialog(t('scripts.confirmDeleteFlow', { flow: s }), t('action.delete'), true))) return;
    await removePart({ section: 'flows', name: s }).catch(failed);
    go('scripts', 'flows');
  };
  return (
    <div class="sc-split">
      <nav class="sc-list" aria-label={t('scripts.tab.flows')}>
        {stems.map((s) => (
          <a key={s} href={`#/scripts/flows/${s}`} class={`sc-list-item${s === stem ? ' is-active' : ''}`} data-flow={s}>
            <span class="mono">{s}</span>
            {problemsOf({ section: 'flows', name: s }).length ? <Chip kind="danger">!</Chip> : null}
          </a>
        ))}
        <div class="sc-add">
          <Text mono name="new-flow" value={newId} onChange={setNewId} placeholder={t('scripts.newFlowId')} />
          <Button small onClick={() => void create()}>{t('scripts.addFlow')}</Button>
        </div>
        {stem && d.bundle.flows[stem] ? <Button small kind="danger" onClick={() => void remove(stem)}>{t('scripts.deleteFlow')}</Button> : null}
      </nav>
      {stem && d.bundle.flows[stem] ? <FlowForm key={stem} stem={stem} openStep={step} /> : null}
    </div>
  );
}
