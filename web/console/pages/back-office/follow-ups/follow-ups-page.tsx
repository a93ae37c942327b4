import { useState } from 'preact/hooks';
import { href } from '../../../router';
import { Button, Chip, Empty, Field } from '../../../components/ui';
import { TextArea, TextInput } from '../../../components/text-field';
import { bo, type FollowUp } from '../api';
import { label, tb } from '../i18n';
import { noticeTick } from '../nav';
import { Facts, FormError, Head, Split, Tabs, useAction, useLoad } from '../ui';
import { when } from '../format';

type View = 'due_today' | 'overdue' | 'scheduled' | 'done';

/** An agent's call (or visit) recorded with the three survey scores. */
function Record({ f, onDone }: { f: FollowUp; onDone(): void }) {
  const [v, setV] = useState({ via: 'phone', result: '', attitude: '', speed: '', resolution: '', comment: '' });
  const action = useAction();
  const scored = v.attitude && v.speed && v.resolution;
  return (
    <form
      class="card bo-followup-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        void action.run(
          () => bo.recordFollowUp(f.id, { via: v.via as 'phone', result: v.result, ...(scored ? { scores: { attitude: Number(v.attitude), speed: Number(v.speed), resolution: Number(v.resolution) } } : {}), ...(v.comment ? { comment: v.comment } : {}) }),
          onDone,
        );
      }}
    >
      <h3>{tb('followUp.record')}</h3>
      <div class="field-row">
        <Field label={tb('field.via')}>
          <select name="via" value={v.via} onChange={(ev) => setV({ ...v, via: (ev.currentTarget as HTMLSelectElement).value })}>
            {['phone', 'visit', 'sms', 'chat', 'email'].map((x) => (
              <option key={x} value={x}>{label('via', x)}</option>
            ))}
          </select>
        </Field>
        {(['attitude', 'speed', 'resolution'] as const).map((k) => (
          <Field key={k} label={tb(k === 'resolution' ? 'field.resolutionField' : `field.${k}`)}>
            <select name={k} value={v[k]} onChange={(ev) => setV({ ...v, [k]: (ev.currentTarget as HTMLSelectElement).value })}>
              <option value="">—</option>
              {[5, 4, 3, 2, 1].map((s) => (
                <option key={s} value={String(s)}>{tb(`score.${s}`)}</option>
              ))}
            </select>
          </Field>
        ))}
      </div>
      <Field label={tb('field.result')}>
        <TextArea name="result" rows={2} maxLength={5000} value={v.result} onValue={(x) => setV({ ...v, result: x })} />
      </Field>
      <Field label={tb('field.comment')}>
        <TextInput name="comment" maxLength={2000} value={v.comment} onValue={(x) => setV({ ...v, comment: x })} />
      </Field>
      <FormError error={action.error} />
      <div class="form-actions">
        <Button kind="primary" type="submit" disabled={!v.result.trim() || action.busy}>
          {tb('followUp.save')}
        </Button>
        <Button onClick={() => void action.run(() => bo.closeFollowUp(f.id, 'missed', v.result || tb('followUp.notReached')), onDone)}>{tb('followUp.missed')}</Button>
      </div>
    </form>
  );
}

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { data: f, error, reload } = useLoad(() => bo.followUp(id), [id]);
  if (error) return <p class="form-error">{error}</p>;
  if (!f) return null;
  const pending = f.status === 'scheduled' || f.status === 'in_progress';
  return (
    <article class="bo-record followup-detail" data-id={f.id} data-status={f.status}>
      <Head title={f.target.name ?? tb(`followUp.target.${f.targetType}`)}>
        {f.targetType === 'customer' ? <a class="btn small" href={href('archives', 'customers', f.target.id)}>{tb('link.customer')}</a> : <a class="btn small" href={href('archives', 'workers', f.target.id)}>{tb('link.worker')}</a>}
        {f.complaintId ? <a class="btn small" href={href('complaints', f.complaintId)}>{tb('link.complaint')}</a> : null}
      </Head>
      <p class="bo-status-line">
        <Chip>{label('followUpStatus', f.status)}</Chip>
        <Chip>{label('reason', f.reason)}</Chip>
        <Chip kind="channel">{tb(`followUp.target.${f.targetType}`)}</Chip>
        {f.overdue ? <Chip kind="danger">{tb('followUp.overdue')}</Chip> : null}
        {f.byBot ? <Chip>{tb('followUp.byBot')}</Chip> : null}
      </p>
      <Facts
        rows={[
          [tb('field.phone'), f.target.phone],
          [tb('field.dueAt'), when(f.dueAt)],
          [tb('field.note'), f.notes],
          [tb('field.via'), f.via ? label('via', f.via) : undefined],
          [tb('field.result'), f.result],
          [tb('field.scores'), f.scores ? `${tb('field.attitude')} ${f.scores.attitude ?? '—'} · ${tb('field.speed')} ${f.scores.speed ?? '—'} · ${tb('field.resolutionField')} ${f.scores.resolution ?? '—'}` : undefined],
          [tb('field.comment'), f.comment],
          [tb('field.recordedBy'), f.recordedBy?.name],
        ]}
      />
      {pending ? (
        <Record
          f={f}
          onDone={() => {
            reload();
            onChange();
          }}
        />
      ) : null}
    </article>
  );
}

/** 回访: visits due today and overdue for customers and domestic workers, the scheduled ones, the results. */
export default function FollowUpsPage({ params }: { params: string[] }) {
  const [view, setView] = useState<View>('due_today');
  const [target, setTarget] = useState('');
  const { data, error, reload } = useLoad(() => bo.followUps({ view, targetType: target || undefined }), [view, target, noticeTick.value]);
  const id = params[0];
  const list = (
    <>
      <Head title={tb('followUp.title')}>
        <select name="targetType" aria-label={tb('followUp.targetFilter')} value={target} onChange={(ev) => setTarget((ev.currentTarget as HTMLSelectElement).value)}>
          <option value="">{tb('followUp.everyone')}</option>
          <option value="customer">{tb('followUp.target.customer')}</option>
          <option value="staff">{tb('followUp.target.staff')}</option>
        </select>
      </Head>
      <Tabs name={tb('followUp.title')} tabs={(['due_today', 'overdue', 'scheduled', 'done'] as const).map((v) => ({ id: v, label: tb(`followUp.view.${v}`) }))} value={view} onChange={(v) => setView(v as View)} />
      {error ? <p class="form-error">{error}</p> : null}
      {data && !data.length ? <Empty>{tb('empty')}</Empty> : null}
      <ul class="bo-rows">
        {(data ?? []).map((f) => (
          <li key={f.id}>
            <a class={`bo-row followup-row${f.id === id ? ' is-active' : ''}${f.overdue ? ' is-overdue' : ''}`} data-id={f.id} href={href('follow-ups', f.id)}>
              <Chip kind="channel">{tb(`followUp.target.${f.targetType}`)}</Chip>
              <strong>{f.target.name ?? '—'}</strong>
              <Chip>{label('reason', f.reason)}</Chip>
              <span class="muted small">{when(f.status === 'done' ? f.completedAt : f.dueAt)}</span>
              {f.byBot ? <span class="muted small">{tb('followUp.byBot')}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
  return (
    <div class="page back-office follow-ups">
      <Split list={list} detail={id ? <Detail key={id} id={id} onChange={reload} /> : undefined} />
    </div>
  );
}
