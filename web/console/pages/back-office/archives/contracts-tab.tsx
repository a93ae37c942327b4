import { useState } from 'preact/hooks';
import { href } from '../../../router';
import { Button, Chip, Empty, Field, openDialog } from '../../../components/ui';
import { TextInput } from '../../../components/text-field';
import { bo, type Contract, type CustomerArchive } from '../api';
import { label, tb } from '../i18n';
import { noticeTick } from '../nav';
import { Facts, FormError, Head, Split, useAction, useLoad } from '../ui';
import { dayOf, fenOf, when, yuan } from '../format';
import { CustomerPicker } from './customer-picker';

/** A calendar day typed in a date field as the start of that day, local time, in ISO. */
const dayIso = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : '');

function NewContract({ close }: { close(c?: Contract): void }) {
  const [customer, setCustomer] = useState<CustomerArchive | undefined>(undefined);
  const [v, setV] = useState({ number: '', start: '', end: '', amount: '', store: '', serviceAddress: '' });
  const action = useAction();
  const set = (k: keyof typeof v) => (x: string) => setV({ ...v, [k]: x });
  return (
    <form
      class="modal bo-contract-form"
      role="dialog"
      aria-modal="true"
      onSubmit={(ev) => {
        ev.preventDefault();
        void action.run(async () =>
          close(await bo.addContract({ number: v.number, customer: customer?.id ?? '', start: dayIso(v.start), end: dayIso(v.end), amountFen: fenOf(v.amount) ?? 0, ...(v.store ? { store: v.store } : {}), ...(v.serviceAddress ? { serviceAddress: v.serviceAddress } : {}) })),
        );
      }}
    >
      <h3>{tb('contract.new')}</h3>
      <Field label={tb('field.customer')}>
        <CustomerPicker value={customer} onPick={setCustomer} />
      </Field>
      <div class="field-row">
        <Field label={tb('field.contractNumber')}>
          <TextInput name="number" maxLength={40} value={v.number} onValue={set('number')} />
        </Field>
        <Field label={tb('field.amount')}>
          <TextInput name="amount" inputMode="decimal" maxLength={12} value={v.amount} onValue={set('amount')} />
        </Field>
      </div>
      <div class="field-row">
        <Field label={tb('field.start')}>
          <input type="date" name="start" value={v.start} onInput={(ev) => set('start')((ev.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={tb('field.end')}>
          <input type="date" name="end" value={v.end} onInput={(ev) => set('end')((ev.currentTarget as HTMLInputElement).value)} />
        </Field>
        <Field label={tb('field.store')}>
          <TextInput name="store" maxLength={100} value={v.store} onValue={set('store')} />
        </Field>
      </div>
      <Field label={tb('field.serviceAddress')}>
        <TextInput name="serviceAddress" maxLength={500} value={v.serviceAddress} onValue={set('serviceAddress')} />
      </Field>
      <FormError error={action.error} />
      <div class="modal-actions">
        <Button onClick={() => close()}>{tb('cancel')}</Button>
        <Button kind="primary" type="submit" disabled={!customer || !v.number || !v.start || !v.end || action.busy}>
          {tb('save')}
        </Button>
      </div>
    </form>
  );
}

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { data: c, error, reload } = useLoad(() => bo.contract(id), [id]);
  const [renew, setRenew] = useState({ number: '', start: '', end: '', amount: '' });
  const [reason, setReason] = useState('');
  const action = useAction();
  if (error) return <p class="form-error">{error}</p>;
  if (!c) return null;
  const done = () => (reload(), onChange());
  const pending = c.renewal.state !== 'renewed' && c.renewal.state !== 'declined';
  return (
    <article class="bo-record contract-detail" data-id={c.id} data-renewal={c.renewal.state}>
      <Head title={c.number}>
        <a class="btn small" href={href('archives', 'customers', c.customer.id)}>{tb('link.customer')}</a>
        {c.staff ? <a class="btn small" href={href('archives', 'workers', c.staff.id)}>{tb('link.worker')}</a> : null}
      </Head>
      <p class="bo-status-line">
        <Chip kind={`renewal-${c.renewal.state}`}>{label('renewal', c.renewal.state)}</Chip>
        {c.daysLeft >= 0 ? <Chip kind={c.daysLeft <= 15 ? 'danger' : ''}>{tb('contract.daysLeft', { count: c.daysLeft })}</Chip> : <Chip>{tb('contract.ended')}</Chip>}
      </p>
      <Facts
        rows={[
          [tb('field.customer'), [c.customer.name, c.customer.phone].filter(Boolean).join(' · ')],
          [tb('field.worker'), c.staff?.name],
          [tb('field.store'), c.store],
          [tb('field.consultant'), c.consultant?.name],
          [tb('field.period'), `${dayOf(c.start)} – ${dayOf(c.end)}`],
          [tb('field.amount'), yuan(c.amountFen)],
          [tb('field.serviceAddress'), c.serviceAddress],
          [tb('field.notifiedAt'), c.renewal.notifiedAt ? when(c.renewal.notifiedAt) : undefined],
          [tb('field.declineReason'), c.renewal.reason],
        ]}
      />
      {c.renewal.renewedTo ? <a class="btn small" href={href('archives', 'contracts', c.renewal.renewedTo)}>{tb('contract.openRenewed')}</a> : null}
      {pending ? (
        <form
          class="card bo-renew-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            void action.run(() => bo.renew(c.id, { number: renew.number, start: dayIso(renew.start), end: dayIso(renew.end), amountFen: fenOf(renew.amount) ?? 0 }), done);
          }}
        >
          <h3>{tb('contract.renew')}</h3>
          <div class="field-row">
            <Field label={tb('field.contractNumber')}>
              <TextInput name="renewNumber" maxLength={40} value={renew.number} onValue={(x) => setRenew({ ...renew, number: x })} />
            </Field>
            <Field label={tb('field.start')}>
              <input type="date" name="renewStart" value={renew.start} onInput={(ev) => setRenew({ ...renew, start: (ev.currentTarget as HTMLInputElement).value })} />
            </Field>
            <Field label={tb('field.end')}>
              <input type="date" name="renewEnd" value={renew.end} onInput={(ev) => setRenew({ ...renew, end: (ev.currentTarget as HTMLInputElement).value })} />
            </Field>
            <Field label={tb('field.amount')}>
              <TextInput name="renewAmount" inputMode="decimal" maxLength={12} value={renew.amount} onValue={(x) => setRenew({ ...renew, amount: x })} />
            </Field>
          </div>
          <div class="form-actions">
            <Button kind="primary" type="submit" disabled={!renew.number || !renew.start || !renew.end || action.busy}>
              {tb('contract.recordRenewal')}
            </Button>
            <TextInput name="declineReason" maxLength={500} placeholder={tb('field.declineReason')} value={reason} onValue={(x) => setReason(x)} />
            <Button kind="danger" disabled={!reason.trim() || action.busy} onClick={() => void action.run(() => bo.decline(c.id, reason), done)}>
              {tb('contract.decline')}
            </Button>
          </div>
          <FormError error={action.error} />
        </form>
      ) : null}
      <section class="card">
        <h2>{tb('contract.history')}</h2>
        <ol class="bo-history">
          {c.history.map((h, i) => (
            <li key={i}>
              <span class="muted small">{when(h.at)}</span> <strong>{label('renewal', h.to)}</strong> {h.note ?? ''}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/** 协议档案 and 续签: active contracts, the renewal list (15 days before the end), renewals recorded. */
export function ContractsTab({ id, renewals }: { id?: string; renewals: boolean }) {
  const view = renewals ? 'renewals' : 'active';
  const { data, error, reload } = useLoad(() => bo.contracts({ view }), [view, noticeTick.value]);
  const list = (
    <>
      {!renewals ? (
        <Button small kind="primary" class="bo-new" onClick={() => void openDialog<Contract>((close) => <NewContract close={close} />).then((c) => c && reload())}>
          {tb('contract.new')}
        </Button>
      ) : (
        <p class="muted small">{tb('contract.renewalsHint')}</p>
      )}
      {error ? <p class="form-error">{error}</p> : null}
      {data && !data.length ? <Empty>{tb('empty')}</Empty> : null}
      <ul class="bo-rows">
        {(data ?? []).map((c) => (
          <li key={c.id}>
            <a class={`bo-row contract-row${c.id === id ? ' is-active' : ''}${c.daysLeft <= 15 ? ' is-soon' : ''}`} data-id={c.id} data-number={c.number} href={href('archives', renewals ? 'renewals' : 'contracts', c.id)}>
              <span class="mono">{c.number}</span>
              <strong>{c.customer.name ?? '—'}</strong>
              <span>{`${dayOf(c.start)} – ${dayOf(c.end)}`}</span>
              <Chip kind={c.daysLeft <= 15 ? 'danger' : ''}>{tb('contract.daysLeft', { count: c.daysLeft })}</Chip>
              <Chip kind={`renewal-${c.renewal.state}`}>{label('renewal', c.renewal.state)}</Chip>
              {c.store ? <span class="muted small">{c.store}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
  return <Split list={list} detail={id ? <Detail key={id} id={id} onChange={reload} /> : undefined} />;
}
