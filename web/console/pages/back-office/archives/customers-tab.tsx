import { useState } from 'preact/hooks';
import { href } from '../../../router';
import { channelName } from '../../../format';
import { isManager } from '../../../state/session';
import { Button, Chip, Empty } from '../../../components/ui';
import { TextInput } from '../../../components/text-field';
import { bo, type CustomerArchive } from '../api';
import { label, tb } from '../i18n';
import { Facts, FormError, Split, useAction, useLoad } from '../ui';
import { when, yuan } from '../format';
import { CustomerPicker } from './customer-picker';

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { data: c, error, reload } = useLoad(() => bo.customerArchive(id), [id]);
  const { data: contracts } = useLoad(() => bo.contracts({ view: 'all', customer: id }), [id]);
  const { data: orders } = useLoad(() => bo.orders({ view: 'all', customer: id }), [id]);
  const [other, setOther] = useState<CustomerArchive | undefined>(undefined);
  const merge = useAction();
  if (error) return <p class="form-error">{error}</p>;
  if (!c) return null;
  return (
    <article class="bo-record customer-detail" data-id={c.id}>
      <h2>{c.name ?? c.phone ?? tb('archive.customer')}</h2>
      <Facts
        rows={[
          [tb('field.phone'), c.phone],
          [tb('field.gender'), label('gender', c.gender)],
          [tb('field.address'), c.address],
          [tb('field.idNumber'), c.idNumber],
          [tb('field.note'), c.notes],
          [tb('field.lastSeen'), c.lastSeenAt ? when(c.lastSeenAt) : undefined],
        ]}
      />
      <h3>{tb('archive.identities')}</h3>
      <ul class="bo-identities">
        {c.identities.map((i, n) => (
          <li key={n}>
            <Chip kind="channel">{channelName(i.channel)}</Chip> {i.displayName ?? ''} <span class="muted small">{when(i.firstSeenAt)}</span>
          </li>
        ))}
      </ul>
      <h3>{tb('archive.contracts')}</h3>
      {(contracts ?? []).map((k) => (
        <a key={k.id} class="bo-row" href={href('archives', 'contracts', k.id)}>
          <span class="mono">{k.number}</span> {`${when(k.start)} – ${when(k.end)}`} {yuan(k.amountFen)}
        </a>
      ))}
      <h3>{tb('archive.orders')}</h3>
      {(orders ?? []).map((o) => (
        <a key={o.id} class="bo-row" href={href('orders', o.id)}>
          <span class="mono">{o.number}</span> {label('orderStatus', o.status)} {yuan(o.totalFen)}
        </a>
      ))}
      {isManager.value ? (
        <section class="card bo-merge">
          <h3>{tb('archive.merge')}</h3>
          <p class="muted small">{tb('archive.mergeHint')}</p>
          <CustomerPicker value={other} onPick={setOther} exclude={c.id} />
          <FormError error={merge.error} />
          <Button kind="danger" disabled={!other || merge.busy} onClick={() => other && void merge.run(() => bo.mergeCustomer(c.id, other.id), () => (setOther(undefined), reload(), onChange()))}>
            {tb('archive.mergeInto', { name: c.name ?? '' })}
          </Button>
        </section>
      ) : null}
    </article>
  );
}

/** 客户档案: customers by name, phone or ID number, with every channel they wrote from. */
export function CustomersTab({ id }: { id?: string }) {
  const [q, setQ] = useState('');
  const { data, error, reload } = useLoad(() => bo.customers(q || undefined), [q]);
  const list = (
    <>
      <TextInput class="bo-search" name="q" type="search" placeholder={tb('archive.customerSearch')} maxLength={100} value={q} onValue={(v, composing) => !composing && setQ(v)} />
      {error ? <p class="form-error">{error}</p> : null}
      {data && !data.length ? <Empty>{tb('empty')}</Empty> : null}
      <ul class="bo-rows">
        {(data ?? []).map((c) => (
          <li key={c.id}>
            <a class={`bo-row customer-row${c.id === id ? ' is-active' : ''}`} data-id={c.id} href={href('archives', 'customers', c.id)}>
              <strong>{c.name ?? '—'}</strong>
              <span class="muted">{c.phone}</span>
              {c.identities.map((i, n) => (
                <Chip key={n} kind="channel">{channelName(i.channel)}</Chip>
              ))}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
  return <Split list={list} detail={id ? <Detail key={id} id={id} onChange={reload} /> : undefined} />;
}
