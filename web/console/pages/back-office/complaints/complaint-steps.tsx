import { useEffect, useState } from 'preact/hooks';
import type { ComplaintStep } from '../../../../../src/domain/complaint/complaint-kinds';
import { api } from '../../../api';
import { isManager } from '../../../state/session';
import { Button, Field } from '../../../components/ui';
import { TextArea, TextInput } from '../../../components/text-field';
import { bo, type Complaint, type StepInput, type Worker } from '../api';
import { tb } from '../i18n';
import { FormError, useAction } from '../ui';
import { fenOf } from '../format';

/** The form of one step of the procedure, with the fields the step needs. */
function StepForm({ complaint, step, onDone }: { complaint: Complaint; step: ComplaintStep; onDone(c: Complaint): void }) {
  const [v, setV] = useState<Record<string, string>>({});
  const [workers, setWorkers] = useState<Worker[]>([]);
  const [agents, setAgents] = useState<{ id: string; name: string; agentNumber: string }[]>([]);
  const action = useAction();
  useEffect(() => {
    if (step !== 'investigate') return;
    bo.workers({}).then(setWorkers, () => undefined);
    api.agents().then(setAgents, () => undefined);
  }, [step]);
  const set = (k: string) => (value: string) => setV({ ...v, [k]: value });
  const text = (k: string, rows = 2, max = 2000) => <TextArea name={k} rows={rows} maxLength={max} value={v[k] ?? ''} onValue={set(k)} />;
  const body = (): StepInput => {
    const b: StepInput = {};
    if (v.note?.trim()) b.note = v.note.trim();
    if (step === 'judge') {
      b.justified = v.justified === 'yes';
      if (v.reply?.trim()) b.reply = v.reply.trim();
    }
    if (step === 'investigate') {
      b.cause = v.cause ?? '';
      if (v.store?.trim()) b.store = v.store.trim();
      if (v.staff || v.user) b.responsible = { ...(v.staff ? { staff: v.staff } : {}), ...(v.user ? { user: v.user } : {}) };
    }
    if (step === 'propose') {
      b.resolution = v.resolution ?? '';
      const fen = fenOf(v.compensation ?? '');
      if (fen !== undefined) b.compensationFen = fen;
    }
    if (step === 'inform') b.text = v.text ?? '';
    if (step === 'followUp') {
      b.score = Number(v.score || 0) || undefined;
      if (v.comment?.trim()) b.comment = v.comment.trim();
    }
    if (step === 'close') {
      b.summary = v.summary ?? '';
      if (v.improvement?.trim()) b.improvement = v.improvement.trim();
    }
    return b;
  };
  const waitingForGm = step === 'approve' && !!complaint.approvals.manager && complaint.needsGeneralManager;
  return (
    <form
      class="bo-step card"
      data-step={step}
      onSubmit={(ev) => {
        ev.preventDefault();
        void action.run(async () => onDone(await bo.step(complaint.id, step, body())), () => setV({}));
      }}
    >
      <h3>{waitingForGm ? tb('step.approveGm') : tb(`step.${step}`)}</h3>
      <p class="muted small">{tb(`stepHint.${step}`)}</p>
      {step === 'judge' ? (
        <>
          <div class="bo-radios" role="radiogroup" aria-label={tb('field.justified')}>
            {(['yes', 'no'] as const).map((x) => (
              <label key={x} class="check">
                <input type="radio" name="justified" value={x} checked={v.justified === x} onChange={() => set('justified')(x)} />
                {tb(`field.justified_${x}`)}
              </label>
            ))}
          </div>
          {v.justified === 'no' ? <Field label={tb('field.reply')}>{text('reply', 3)}</Field> : null}
        </>
      ) : null}
      {step === 'investigate' ? (
        <>
          <Field label={tb('field.cause')}>{text('cause', 3, 5000)}</Field>
          <div class="field-row">
            <Field label={tb('field.store')}>
              <TextInput name="store" maxLength={100} value={v.store ?? ''} onValue={set('store')} />
            </Field>
            <Field label={tb('field.responsibleWorker')}>
              <select name="staff" value={v.staff ?? ''} onChange={(ev) => set('staff')((ev.currentTarget as HTMLSelectElement).value)}>
                <option value="">—</option>
                {workers.map((w) => (
                  <option key={w.id} value={w.id}>{`${w.name}${w.store ? ` · ${w.store}` : ''}`}</option>
                ))}
              </select>
            </Field>
            <Field label={tb('field.responsibleAgent')}>
              <select name="user" value={v.user ?? ''} onChange={(ev) => set('user')((ev.currentTarget as HTMLSelectElement).value)}>
                <option value="">—</option>
                {agents.map((a) => (
                  <option key={a.id} value={a.id}>{`${a.name} · ${a.agentNumber}`}</option>
                ))}
              </select>
            </Field>
          </div>
        </>
      ) : null}
      {step === 'propose' ? (
        <>
          <Field label={tb('field.resolution')}>{text('resolution', 3, 5000)}</Field>
          <Field label={tb('field.compensation')}>
            <TextInput name="compensation" inputMode="decimal" maxLength={12} value={v.compensation ?? ''} onValue={set('compensation')} />
          </Field>
        </>
      ) : null}
      {step === 'inform' ? <Field label={tb('field.informText')}>{text('text', 3)}</Field> : null}
      {step === 'followUp' ? (
        <div class="field-row">
          <Field label={tb('field.score')}>
            <select name="score" value={v.score ?? ''} onChange={(ev) => set('score')((ev.currentTarget as HTMLSelectElement).value)}>
              <option value="">—</option>
              {[5, 4, 3, 2, 1].map((s) => (
                <option key={s} value={String(s)}>{tb(`score.${s}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={tb('field.comment')} class="grow">
            <TextInput name="comment" maxLength={2000} value={v.comment ?? ''} onValue={set('comment')} />
          </Field>
        </div>
      ) : null}
      {step === 'close' ? (
        <>
          <Field label={tb('field.summary')}>{text('summary', 3, 5000)}</Field>
          <Field label={tb('field.improvement')}>{text('improvement', 2, 5000)}</Field>
        </>
      ) : null}
      <Field label={tb(step === 'returnProposal' ? 'field.returnReason' : 'field.note')}>{text('note', 1)}</Field>
      <FormError error={action.error} />
      <div class="form-actions">
        <Button kind={step === 'returnProposal' ? 'danger' : 'primary'} type="submit" disabled={action.busy}>
          {waitingForGm ? tb('step.approveGm') : tb(`step.${step}`)}
        </Button>
      </div>
    </form>
  );
}

/** Every step that applies now; managers' steps only for managers (the server checks again). */
export function ComplaintSteps({ complaint, onChange }: { complaint: Complaint; onChange(c: Complaint): void }) {
  const managerSteps: ComplaintStep[] = ['approve', 'returnProposal', 'close'];
  const steps = complaint.steps.filter((s) => isManager.value || !managerSteps.includes(s));
  if (!steps.length) return complaint.steps.length ? <p class="muted small bo-waiting">{tb('step.waitingForManager')}</p> : null;
  return (
    <div class="bo-steps">
      {steps.map((s) => (
        <StepForm key={`${complaint.id}-${complaint.status}-${s}`} complaint={complaint} step={s} onDone={onChange} />
      ))}
    </div>
  );
}
