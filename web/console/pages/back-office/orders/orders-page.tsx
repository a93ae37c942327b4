import { useState } from 'preact/hooks';
import { ORDER_MOVES, type OrderStatus } from '../../../../../src/domain/order/order-kinds';
import { href } from '../../../router';
import { channelName } from '../../../format';
import { Button, Chip, Empty, Field, openDialog } from '../../../components/ui';
import { TextInput } from '../../../components/text-field';
import { bo, type Order } from '../api';
import { label, tb } from '../i18n';
import { Facts, FormError, Head, Split, Tabs, useAction, useLoad } from '../ui';
import { when, yuan } from '../format';

type View = 'open' | 'unpaid' | 'overdue' | 'all';

/** 发货: the courier and tracking number the customer will be told. */
function ShipForm({ order, close }: { order: Order; close(o?: Order): void }) {
  const [courier, setCourier] = useState(order.courier ?? '');
  const [tracking, setTracking] = useState(order.trackingNumber ?? '');
  const action = useAction();
  return (
    <form class="modal ship-dialog" role="dialog" aria-modal="true" onSubmit={(ev) => (ev.preventDefault(), void action.run(async () => close(await bo.orderStatus(order.id, { to: 'shipped', courier, trackingNumber: tracking }))))}>
      <h3>{tb('order.ship')}</h3>
      <Field label={tb('field.courier')}>
        <TextInput name="courier" maxLength={100} value={courier} onValue={(v) => setCourier(v)} autoFocus />
      </Field>
      <Field label={tb('field.trackingNumber')}>
        <TextInput name="trackingNumber" maxLength={40} value={tracking} onValue={(v) => setTracking(v)} />
      </Field>
      <FormError error={action.error} />
      <div class="modal-actions">
        <Button onClick={() => close()}>{tb('cancel')}</Button>
        <Button kind="primary" type="submit" disabled={!courier.trim() || !tracking.trim() || action.busy}>
          {tb('order.shipAndTell')}
        </Button>
      </div>
    </form>
  );
}

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { data: o, error, reload } = useLoad(() => bo.order(id), [id]);
  const action = useAction();
  if (error) return <p class="form-error">{error}</p>;
  if (!o) return null;
  const done = () => {
    reload();
    onChange();
  };
  const moves = ORDER_MOVES[o.status as OrderStatus];
  const move = (to: OrderStatus) => {
    if (to === 'shipped') return void openDialog<Order>((close) => <ShipForm order={o} close={close} />).then((x) => x && done());
    void action.run(() => bo.orderStatus(o.id, { to }), done);
  };
  return (
    <article class="bo-record order-detail" data-id={o.id} data-status={o.status}>
      <Head title={o.number}>
        {o.conversationId ? <a class="btn small" href={href('inbox', o.conversationId)}>{tb('link.conversation')}</a> : null}
        <a class="btn small" href={href('archives', 'customers', o.customer.id)}>{tb('link.customer')}</a>
      </Head>
      <p class="bo-status-line">
        <Chip kind={`ostatus-${o.status}`}>{label('orderStatus', o.status)}</Chip>
        <Chip>{label('payment', o.payment)}</Chip>
        {o.paid ? <Chip kind="ok">{tb('order.paid')}</Chip> : o.overdue ? <Chip kind="danger">{tb('order.overdue')}</Chip> : null}
      </p>
      <Facts
        rows={[
          [tb('field.items'), o.items.map((i) => `${i.product} × ${i.quantity}`).join('、')],
          [tb('field.total'), yuan(o.totalFen)],
          [tb('field.recipient'), `${o.recipient.name} · ${o.recipient.phone}`],
          [tb('field.address'), o.address],
          [tb('field.channel'), o.channel ? channelName(o.channel) : undefined],
          [tb('field.updatesVia'), o.updatesVia ? label('updatesVia', o.updatesVia) : undefined],
          [tb('field.courier'), o.courier],
          [tb('field.trackingNumber'), o.trackingNumber],
          [tb('field.receivableDue'), o.receivableDueAt ? when(o.receivableDueAt) : undefined],
          [tb('field.paidAt'), o.paid ? `${when(o.paid.at)} · ${yuan(o.paid.fen)}` : undefined],
        ]}
      />
      <div class="row-actions bo-moves">
        {moves.map((to) => (
          <Button key={to} kind={to === 'cancelled' ? 'danger' : 'primary'} data-to={to} disabled={action.busy} onClick={() => move(to)}>
            {tb(`order.to.${to}`)}
          </Button>
        ))}
        {!o.paid && o.status !== 'cancelled' ? (
          <Button disabled={action.busy} onClick={() => void action.run(() => bo.orderPaid(o.id), done)}>
            {tb('order.markPaid')}
          </Button>
        ) : null}
      </div>
      <FormError error={action.error} />
      <section class="card">
        <h2>{tb('order.told')}</h2>
        {o.notifications.length ? (
          <ul class="bo-history order-notifications">
            {o.notifications.map((n, i) => (
              <li key={i} class={n.ok ? '' : 'is-failed'}>
                <span class="muted small">{when(n.at)}</span> <strong>{label('orderStatus', n.status)}</strong> {label('notifyVia', n.via)}
                {n.channel ? ` · ${channelName(n.channel)}` : ''} {n.ok ? '✓' : `✗ ${n.error ?? ''}`}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted small">{tb('order.notToldYet')}</p>
        )}
      </section>
    </article>
  );
}

/** 订单跟踪: orders in progress, shipping with the courier and tracking number, receivables. */
export default function OrdersPage({ params }: { params: string[] }) {
  const [view, setView] = useState<View>('open');
  const [q, setQ] = useState('');
  const { data, error, reload } = useLoad(() => bo.orders({ view, q: q || undefined }), [view, q]);
  const id = params[0];
  const list = (
    <>
      <Head title={tb('order.title')} />
      <Tabs name={tb('order.title')} tabs={(['open', 'unpaid', 'overdue', 'all'] as const).map((v) => ({ id: v, label: tb(`order.view.${v}`) }))} value={view} onChange={(v) => setView(v as View)} />
      <TextInput class="bo-search" name="q" type="search" placeholder={tb('order.search')} maxLength={100} value={q} onValue={(v, composing) => !composing && setQ(v)} />
      {error ? <p class="form-error">{error}</p> : null}
      {data && !data.length ? <Empty>{tb('empty')}</Empty> : null}
      <ul class="bo-rows">
        {(data ?? []).map((o) => (
          <li key={o.id}>
            <a class={`bo-row order-row${o.id === id ? ' is-active' : ''}${o.overdue ? ' is-overdue' : ''}`} data-id={o.id} href={href('orders', o.id)}>
              <span class="mono">{o.number}</span>
              <Chip kind={`ostatus-${o.status}`}>{label('orderStatus', o.status)}</Chip>
              <strong>{o.recipient.name}</strong>
              <span>{yuan(o.totalFen)}</span>
              {o.overdue ? <Chip kind="danger">{tb('order.overdue')}</Chip> : null}
              <span class="muted small">{when(o.createdAt)}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
  return (
    <div class="page back-office orders">
      <Split list={list} detail={id ? <Detail key={id} id={id} onChange={reload} /> : undefined} />
    </div>
  );
}
