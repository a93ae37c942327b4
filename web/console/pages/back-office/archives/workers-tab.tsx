import { useState } from 'preact/hooks';
import { STAFF_MOVES, STAFF_STATUSES, type StaffStatus } from '../../../../../src/domain/staff/staff-kinds';
import { href } from '../../../router';
import { Button, Chip, Empty, Field, openDialog } from '../../../components/ui';
import { TextInput } from '../../../components/text-field';
import { bo, type CustomerArchive, type Worker } from '../api';
import { label, tb } from '../i18n';
import { Facts, FormError, Split, useAction, useLoad } from '../ui';
import { when } from '../format';
import { CustomerPicker } from './customer-picker';

function NewWorker({ close }: { close(w?: Worker): void }) {
  const [v, setV] = useState({ name: '', phone: '', idNumber: '', store: '', skills: '' });
  const action = useAction();
  const set = (k: keyof typeof v) => (x: string) => setV({ ...v, [k]: x });
  return (
    <form
      class="modal bo-worker-form"
      role="dialog"
      aria-modal="true"
      onSubmit={(ev) => {
        ev.preventDefault();
        const skills = v.skills.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);
        void action.run(async () => close(await bo.addWorker({ name: v.name, ...(v.phone ? { phone: v.phone } : {}), ...(v.idNumber ? { idNumber: v.idNumber } : {}), ...(v.store ? { store: v.store } : {}), skills })));
      }}
    >
      <h3>{tb('worker.new')}</h3>
      <div class="field-row">
        <Field label={tb('field.name')}>
          <TextInput name="name" maxLength={100} value={v.name} onValue={set('name')} autoFocus />
        </Field>
        <Field label={tb('field.phone')}>
          <TextInput name="phone" maxLength={40} value={v.phone} onValue={set('phone')} />
        </Field>
      </div>
      <div class="field-row">
        <Field label={tb('field.idNumber')}>
          <TextInput name="idNumber" maxLength={20} value={v.idNumber} onValue={set('idNumber')} />
        </Field>
        <Field label={tb('field.store')}>
          <TextInput name="store" maxLength={100} value={v.store} onValue={set('store')} />
        </Field>
      </div>
      <Field label={tb('field.skills')}>
        <TextInput name="skills" maxLength={300} value={v.skills} onValue={set('skills')} />
      </Field>
      <FormError error={action.error} />
      <div class="modal-actions">
        <Button onClick={() => close()}>{tb('cancel')}</Button>
        <Button kind="primary" type="submit" disabled={!v.name.trim() || action.busy}>
          {tb('save')}
        </Button>
      </div>
    </form>
  );
}

/** 流动: the status the store reported, with the customer of a placement. */
function StatusChange({ worker, onDone }: { worker: Worker; onDone(): void }) {
  const moves = STAFF_MOVES[worker.status as StaffStatus];
  const [to, setTo] = useState<StaffStatus | ''>('');
  const [customer, setCustomer] = useState<CustomerArchive | undefined>(undefined);
  const [store, setStore] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  return (
    <form
      class="card bo-status-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!to) return;
        void action.run(() => bo.workerStatus(worker.id, { to, ...(customer ? { customer: customer.id } : {}), ...(store ? { store } : {}), ...(note ? { note } : {}) }), () => (setTo(''), setNote(''), setCustomer(undefined), onDone()));
      }}
    >
      <h3>{tb('worker.changeStatus')}</h3>
      <div class="field-row">
        <Field label={tb('field.newStatus')}>
          <select name="to" value={to} onChange={(ev) => setTo((ev.currentTarget as HTMLSelectElement).value as StaffStatus)}>
            <option value="">—</option>
            {moves.map((m) => (
              <option key={m} value={m}>{label('staffStatus', m)}</option>
            ))}
          </select>
        </Field>
        <Field label={tb('field.store')}>
          <TextInput name="moveStore" maxLength={100} value={store} onValue={(x) => setStore(x)} placeholder={worker.store ?? ''} />
        </Field>
      </div>
      {to === 'on_duty' ? (
        <Field label={tb('field.customer')}>
          <CustomerPicker value={customer} onPick={setCustomer} />
        </Field>
      ) : null}
      <Field label={tb('field.note')}>
        <TextInput name="moveNote" maxLength={1000} value={note} onValue={(x) => setNote(x)} />
      </Field>
      <FormError error={action.error} />
      <Button kind="primary" type="submit" disabled={!to || action.busy}>
        {tb('worker.record')}
      </Button>
    </form>
  );
}

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { data: w, error, reload } = useLoad(() => bo.worker(id), [id]);
  if (error) return <p class="form-error">{error}</p>;
  if (!w) return null;
  return (
    <article class="bo-record worker-detail" data-id={w.id} data-status={w.status}>
      <h2>
        {w.name} <Chip kind={`sstatus-${w.status}`}>{label('staffStatus', w.status)}</Chip>
      </h2>
      <Facts
        rows={[
          [tb('field.phone'), w.phone],
          [tb('field.idNumber'), w.idNumber],
          [tb('field.store'), w.store],
          [tb('field.skills'), w.skills.join('、')],
          [tb('field.placement'), w.placement?.customer ? <a href={href('archives', 'customers', w.placement.customer.id)}>{`${w.placement.customer.name} · ${when(w.placement.since)}`}</a> : undefined],
        ]}
      />
      <StatusChange worker={w} onDone={() => (reload(), onChange())} />
      <section class="card">
        <h2>{tb('worker.movements')}</h2>
        <table class="table bo-table movement-log">
          <thead>
            <tr>
              <th>{tb('field.at')}</th>
              <th>{tb('field.change')}</th>
              <th>{tb('field.store')}</th>
              <th>{tb('field.customer')}</th>
              <th>{tb('field.note')}</th>
              <th>{tb('field.by')}</th>
            </tr>
          </thead>
          <tbody>
            {w.movements.map((m, i) => (
              <tr key={i} data-to={m.to}>
                <td>{when(m.at)}</td>
                <td>{`${m.from ? `${label('staffStatus', m.from)} → ` : ''}${label('staffStatus', m.to)}`}</td>
                <td>{m.store ?? ''}</td>
                <td>{m.customer?.name ?? ''}</td>
                <td>{m.note ?? ''}</td>
                <td>{m.by ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}

/** 家政服务人员档案: workers by status and store, their movement log. */
export function WorkersTab({ id }: { id?: string }) {
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const { data, error, reload } = useLoad(() => bo.workers({ status: status || undefined, q: q || undefined }), [status, q]);
  const list = (
    <>
      <div class="bo-toolbar">
        <Button small kind="primary" onClick={() => void openDialog<Worker>((close) => <NewWorker close={close} />).then((w) => w && reload())}>
          {tb('worker.new')}
        </Button>
        <select name="status" aria-label={tb('field.status')} value={status} onChange={(ev) => setStatus((ev.currentTarget as HTMLSelectElement).value)}>
          <option value="">{tb('worker.allStatuses')}</option>
          {STAFF_STATUSES.map((s) => (
            <option key={s} value={s}>{label('staffStatus', s)}</option>
          ))}
        </select>
        <TextInput class="bo-search" name="q" type="search" placeholder={tb('worker.search')} maxLength={100} value={q} onValue={(v, composing) => !composing && setQ(v)} />
      </div>
      {error ? <p class="form-error">{error}</p> : null}
      {data && !data.length ? <Empty>{tb('empty')}</Empty> : null}
      <ul class="bo-rows">
        {(data ?? []).map((w) => (
          <li key={w.id}>
            <a class={`bo-row worker-row${w.id === id ? ' is-active' : ''}`} data-id={w.id} href={href('archives', 'workers', w.id)}>
              <strong>{w.name}</strong>
              <Chip kind={`sstatus-${w.status}`}>{label('staffStatus', w.status)}</Chip>
              <span class="muted">{w.store ?? ''}</span>
              <span class="muted small">{w.skills.join('、')}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
  return <Split list={list} detail={id ? <Detail key={id} id={id} onChange={reload} /> : undefined} />;
}
