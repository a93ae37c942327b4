import { useEffect, useState } from 'preact/hooks';
import { api } from '../../../api';
import { currentUser, isManager } from '../../../state/session';
import { Button, Chip, Field } from '../../../components/ui';
import { TextInput } from '../../../components/text-field';
import { bo, type Penalty, type Worker } from '../api';
import { label, tb } from '../i18n';
import { FormError, useAction } from '../ui';
import { fenOf, when, yuan } from '../format';

/** One slip with the action the reader may take on it. */
function Slip({ slip, onChange }: { slip: Penalty; onChange(): void }) {
  const action = useAction();
  const [month, setMonth] = useState('');
  const me = currentUser();
  const mayAcknowledge = slip.status === 'issued' && (slip.subject.kind === 'staff' || slip.subject.id === me.id);
  const act = (kind: 'acknowledge' | 'sign' | 'cancel') => action.run(() => bo.penaltyAction(slip.id, kind, kind === 'sign' && month ? { month } : kind === 'acknowledge' && slip.subject.kind === 'staff' ? { note: tb('penalty.onPaperNote') } : {}), onChange);
  return (
    <li class={`bo-slip status-${slip.status}`} data-number={slip.number}>
      <div class="bo-slip-head">
        <strong class="mono">{slip.number}</strong>
        <span>{`${slip.subject.name} · ${label('subject', slip.subject.kind)}`}</span>
        <span class="fine">{yuan(slip.amountFen)}</span>
        <Chip kind={`pstatus-${slip.status}`}>{label('penaltyStatus', slip.status)}</Chip>
        {slip.month ? <span class="muted small">{tb('penalty.month', { month: slip.month })}</span> : null}
      </div>
      <p class="small">{slip.reason}</p>
      <p class="muted small">
        {[
          tb('penalty.issuedBy', { name: slip.issued.name ?? '', at: when(slip.issued.at) }),
          slip.acknowledged ? tb(slip.acknowledged.onPaper ? 'penalty.ackPaper' : 'penalty.ack', { name: slip.acknowledged.name ?? '', at: when(slip.acknowledged.at) }) : '',
          slip.signedOff ? tb('penalty.signedBy', { name: slip.signedOff.name ?? '', at: when(slip.signedOff.at) }) : '',
        ].filter(Boolean).join(' · ')}
      </p>
      <div class="row-actions">
        {mayAcknowledge ? (
          <Button small onClick={() => void act('acknowledge')} disabled={action.busy}>
            {slip.subject.kind === 'staff' ? tb('penalty.recordSignature') : tb('penalty.acknowledge')}
          </Button>
        ) : null}
        {slip.status === 'acknowledged' && isManager.value ? (
          <>
            <input class="bo-month" type="month" name="month" aria-label={tb('penalty.deductMonth')} value={month} onInput={(ev) => setMonth((ev.currentTarget as HTMLInputElement).value)} />
            <Button small kind="primary" onClick={() => void act('sign')} disabled={action.busy}>
              {tb('penalty.sign')}
            </Button>
          </>
        ) : null}
        {(slip.status === 'issued' || slip.status === 'acknowledged') && isManager.value ? (
          <Button small kind="danger" onClick={() => void act('cancel')} disabled={action.busy}>
            {tb('penalty.cancel')}
          </Button>
        ) : null}
      </div>
      <FormError error={action.error} />
    </li>
  );
}

/** 职员处罚单 of a complaint: the slips, and the form to issue one to the responsible worker or agent. */
export function PenaltySlips({ complaintId, responsible }: { complaintId: string; responsible?: { staff?: { id: string }; user?: { id: string } } }) {
  const [slips, setSlips] = useState<Penalty[]>([]);
  const [workers, setWorkers] = useState<Worker[]>([]);
  const [agents, setAgents] = useState<{ id: string; name: string; agentNumber: string }[]>([]);
  const [form, setForm] = useState({ kind: responsible?.user ? 'user' : 'staff', who: responsible?.user?.id ?? responsible?.staff?.id ?? '', amount: '', reason: '' });
  const [version, setVersion] = useState(0);
  const action = useAction();
  useEffect(() => {
    bo.penalties({ complaint: complaintId }).then(setSlips, () => undefined);
  }, [complaintId, version]);
  useEffect(() => {
    bo.workers({}).then(setWorkers, () => undefined);
    api.agents().then(setAgents, () => undefined);
  }, []);
  const reload = () => setVersion(version + 1);
  const people = form.kind === 'staff' ? workers.map((w) => [w.id, w.name] as const) : agents.map((a) => [a.id, `${a.name} · ${a.agentNumber}`] as const);
  return (
    <section class="card bo-penalties">
      <h2>{tb('penalty.title')}</h2>
      <ul class="bo-slips">
        {slips.map((s) => (
          <Slip key={s.id} slip={s} onChange={reload} />
        ))}
      </ul>
      <form
        class="bo-penalty-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          const amountFen = fenOf(form.amount) ?? 0;
          const subject = form.kind === 'staff' ? { kind: 'staff' as const, staff: form.who } : { kind: 'user' as const, user: form.who };
          void action.run(() => bo.issuePenalty({ complaint: complaintId, subject, amountFen, reason: form.reason }), () => {
            setForm({ ...form, amount: '', reason: '' });
            reload();
          });
        }}
      >
        <div class="field-row">
          <Field label={tb('penalty.subjectKind')}>
            <select name="kind" value={form.kind} onChange={(ev) => setForm({ ...form, kind: (ev.currentTarget as HTMLSelectElement).value, who: '' })}>
              <option value="staff">{label('subject', 'staff')}</option>
              <option value="user">{label('subject', 'user')}</option>
            </select>
          </Field>
          <Field label={tb('penalty.subject')}>
            <select name="who" value={form.who} onChange={(ev) => setForm({ ...form, who: (ev.currentTarget as HTMLSelectElement).value })}>
              <option value="">—</option>
              {people.map(([id, name]) => (
                <option key={id} value={id}>{name}</option>
              ))}
            </select>
          </Field>
          <Field label={tb('penalty.amount')}>
            <TextInput name="amount" inputMode="decimal" maxLength={10} value={form.amount} onValue={(v) => setForm({ ...form, amount: v })} />
          </Field>
        </div>
        <Field label={tb('penalty.reason')}>
          <TextInput name="reason" maxLength={1000} value={form.reason} onValue={(v) => setForm({ ...form, reason: v })} />
        </Field>
        <FormError error={action.error} />
        <Button type="submit" disabled={action.busy || !form.who || !form.reason.trim() || !fenOf(form.amount)}>
          {tb('penalty.issue')}
        </Button>
      </form>
    </section>
  );
}
