import { useState } from 'preact/hooks';
import { href } from '../../../router';
import { channelName } from '../../../format';
import { currentUser, isManager } from '../../../state/session';
import { Button, Chip, Empty, Field } from '../../../components/ui';
import { TextInput } from '../../../components/text-field';
import { bo, type Complaint } from '../api';
import { label, tb } from '../i18n';
import { noticeTick } from '../nav';
import { Countdown, DateTimeInput, Facts, FormError, Head, Split, Tabs, useAction, useLoad } from '../ui';
import { when, yuan } from '../format';
import { ComplaintSteps } from './complaint-steps';
import { PenaltySlips } from './penalty-slips';
import { Deductions } from './deductions';

type View = 'open' | 'overdue' | 'mine' | 'closed';

/** 24 小时反馈: progress told to the customer, and when the next contact is. */
function Feedback({ complaint, onChange }: { complaint: Complaint; onChange(c: Complaint): void }) {
  const [note, setNote] = useState('');
  const [next, setNext] = useState('');
  const action = useAction();
  return (
    <form
      class="card bo-feedback"
      onSubmit={(ev) => {
        ev.preventDefault();
        void action.run(async () => onChange(await bo.feedback(complaint.id, note, next || undefined)), () => setNote(''));
      }}
    >
      <h3>{tb('complaint.feedback')}</h3>
      <div class="field-row">
        <Field label={tb('complaint.feedbackNote')} class="grow">
          <TextInput name="feedback" maxLength={2000} value={note} onValue={(v) => setNote(v)} />
        </Field>
        <Field label={tb('complaint.nextContact')}>
          <DateTimeInput name="nextContactAt" value={next} onValue={setNext} />
        </Field>
      </div>
      <FormError error={action.error} />
      <Button type="submit" disabled={action.busy || !note.trim()}>
        {tb('complaint.giveFeedback')}
      </Button>
    </form>
  );
}

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { data, error, reload } = useLoad(() => bo.complaint(id), [id]);
  const take = useAction();
  if (error) return <p class="form-error">{error}</p>;
  if (!data) return null;
  const c = data;
  const changed = () => {
    reload();
    onChange();
  };
  const open = c.status !== 'closed';
  return (
    <article class="bo-record complaint-detail" data-id={c.id} data-status={c.status}>
      <Head title={`${c.number ?? ''} ${label('severity', c.severity)}`}>
        {open && !c.assignee ? (
          <Button small onClick={() => void take.run(() => bo.assignComplaint(c.id, currentUser().id), changed)}>
            {tb('complaint.takeIt')}
          </Button>
        ) : null}
        {c.conversationId ? <a class="btn small" href={href('inbox', c.conversationId)}>{tb('link.conversation')}</a> : null}
        <a class="btn small" href={href('archives', 'customers', c.customer.id)}>{tb('link.customer')}</a>
      </Head>
      <p class="bo-status-line">
        <Chip kind={`cstatus-${c.status}`}>{label('complaintStatus', c.status)}</Chip>
        {c.severity === 'serious' ? <Chip kind="danger">{label('severity', 'serious')}</Chip> : null}
        <Chip>{label('category', c.category)}</Chip>
        {open ? <Countdown due={c.feedbackDueAt} /> : null}
        {c.escalated ? <Chip kind="danger">{tb('complaint.escalated')}</Chip> : null}
      </p>
      <p class="quote">{c.description}</p>
      <Facts
        rows={[
          [tb('field.customer'), [c.customer.name, c.customer.phone].filter(Boolean).join(' · ')],
          [tb('field.channel'), channelName(c.channel)],
          [tb('field.assignee'), c.assignee?.name],
          [tb('field.feedbackDue'), when(c.feedbackDueAt)],
          [tb('field.lastFeedback'), c.lastFeedbackAt ? when(c.lastFeedbackAt) : undefined],
          [tb('field.reply'), c.judgement?.reply],
          [tb('field.cause'), c.investigation?.cause],
          [tb('field.store'), c.investigation?.store],
          [tb('field.responsible'), [c.responsible?.staff?.name, c.responsible?.user?.name].filter(Boolean).join('、')],
          [tb('field.resolution'), c.resolution],
          [tb('field.compensation'), c.compensationFen ? yuan(c.compensationFen) : undefined],
          [tb('field.approvedManager'), c.approvals.manager ? `${c.approvals.manager.name} · ${when(c.approvals.manager.at)}` : undefined],
          [tb('field.approvedGm'), c.approvals.generalManager ? `${c.approvals.generalManager.name} · ${when(c.approvals.generalManager.at)}` : undefined],
          [tb('field.informText'), c.informed?.text],
          [tb('field.score'), c.satisfaction?.score ? tb(`score.${c.satisfaction.score}`) : undefined],
          [tb('field.summary'), c.summary?.text],
          [tb('field.improvement'), c.summary?.improvement],
        ]}
      />
      <FormError error={take.error} />
      <ComplaintSteps complaint={c} onChange={changed} />
      {open ? <Feedback complaint={c} onChange={changed} /> : null}
      {c.justified !== false ? <PenaltySlips complaintId={c.id} responsible={c.responsible} /> : null}
      <section class="card">
        <h2>{tb('complaint.history')}</h2>
        <ol class="bo-history">
          {c.history.map((h, i) => (
            <li key={i}>
              <span class="muted small">{when(h.at)}</span> <strong>{label('complaintStatus', h.to)}</strong> {h.by ? <span class="muted">{h.by}</span> : null} {h.note ? <span>{h.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/** 投诉处理: the register with its 24-hour countdowns, one complaint's procedure, the deduction sheet. */
export default function ComplaintsPage({ params }: { params: string[] }) {
  const [view, setView] = useState<View>('open');
  const [q, setQ] = useState('');
  const { data, error, reload } = useLoad(() => bo.complaints({ view, q: q || undefined }), [view, q, noticeTick.value]);
  if (params[0] === 'deductions') return <Deductions />;
  const id = params[0];
  const tabs: { id: View; label: string }[] = (['open', 'overdue', 'mine', 'closed'] as const).map((v) => ({ id: v, label: tb(`complaint.view.${v}`) }));
  const list = (
    <>
      <Head title={tb('complaint.title')}>{isManager.value ? <a class="btn small" href={href('complaints', 'deductions')}>{tb('penalty.deductions')}</a> : null}</Head>
      <Tabs name={tb('complaint.title')} tabs={tabs} value={view} onChange={(v) => setView(v as View)} />
      <TextInput class="bo-search" name="q" type="search" placeholder={tb('complaint.search')} maxLength={100} value={q} onValue={(v, composing) => !composing && setQ(v)} />
      {error ? <p class="form-error">{error}</p> : null}
      {data && !data.length ? <Empty>{tb('empty')}</Empty> : null}
      <ul class="bo-rows">
        {(data ?? []).map((c) => (
          <li key={c.id}>
            <a class={`bo-row complaint-row${c.id === id ? ' is-active' : ''}${c.overdue ? ' is-overdue' : ''}`} data-id={c.id} href={href('complaints', c.id)}>
              <span class="mono">{c.number}</span>
              {c.severity === 'serious' ? <Chip kind="danger">{label('severity', 'serious')}</Chip> : <Chip>{label('severity', 'general')}</Chip>}
              <Chip kind={`cstatus-${c.status}`}>{label('complaintStatus', c.status)}</Chip>
              <Countdown due={c.feedbackDueAt} done={c.status === 'closed'} />
              <span class="bo-row-text">{c.description}</span>
              <span class="muted small">{`${c.customer.name ?? ''} · ${when(c.createdAt)}`}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
  return (
    <div class="page back-office complaints">
      <Split list={list} detail={id ? <Detail key={id} id={id} onChange={reload} /> : undefined} />
    </div>
  );
}
