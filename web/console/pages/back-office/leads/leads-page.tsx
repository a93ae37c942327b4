import { useState } from 'preact/hooks';
import { LEAD_STATUSES, type LeadStatus } from '../../../../../src/domain/lead/lead-kinds';
import { href } from '../../../router';
import { channelName } from '../../../format';
import { Button, Chip, Empty, Field } from '../../../components/ui';
import { TextArea, TextInput } from '../../../components/text-field';
import { bo, type Lead } from '../api';
import { label, tb } from '../i18n';
import { noticeTick } from '../nav';
import { DateTimeInput, Facts, FormError, Head, Split, Tabs, useAction, useLoad } from '../ui';
import { when } from '../format';

type View = 'open' | 'due' | 'all';

function Detail({ id, onChange }: { id: string; onChange(): void }) {
  const { data: lead, error, reload } = useLoad(() => bo.lead(id), [id]);
  const { data: consultants } = useLoad(() => bo.directory('sales_consultant'), []);
  const [consultant, setConsultant] = useState('');
  const [note, setNote] = useState({ note: '', next: '', status: '', lostReason: '' });
  const assign = useAction();
  const save = useAction();
  if (error) return <p class="form-error">{error}</p>;
  if (!lead) return null;
  const done = () => {
    reload();
    onChange();
  };
  const open = lead.status !== 'signed' && lead.status !== 'lost';
  return (
    <article class="bo-record lead-detail" data-id={lead.id} data-status={lead.status}>
      <Head title={lead.name || lead.customer.name || tb('lead.title')}>
        {lead.conversationId ? <a class="btn small" href={href('inbox', lead.conversationId)}>{tb('link.conversation')}</a> : null}
        <a class="btn small" href={href('archives', 'customers', lead.customer.id)}>{tb('link.customer')}</a>
      </Head>
      <p class="bo-status-line">
        <Chip kind={`lstatus-${lead.status}`}>{label('leadStatus', lead.status)}</Chip>
        <Chip kind="channel">{channelName(lead.sourceChannel)}</Chip>
        {lead.due ? <Chip kind="danger">{tb('lead.due')}</Chip> : null}
      </p>
      <p class="quote">{lead.need}</p>
      <Facts
        rows={[
          [tb('field.phone'), lead.phone ?? lead.customer.phone],
          [tb('field.contactTime'), lead.preferredContactTime],
          [tb('field.consultant'), lead.consultant?.name],
          [tb('field.handler'), lead.handler?.name],
          [tb('field.nextContact'), lead.nextContactAt ? when(lead.nextContactAt) : undefined],
          [tb('field.lostReason'), lead.lostReason],
          [tb('field.createdAt'), when(lead.createdAt)],
        ]}
      />
      {open ? (
        <form class="card" onSubmit={(ev) => (ev.preventDefault(), void assign.run(() => bo.assignLead(lead.id, { consultant }), done))}>
          <h3>{tb('lead.assign')}</h3>
          <div class="field-row">
            <Field label={tb('field.consultant')}>
              <select name="consultant" value={consultant} onChange={(ev) => setConsultant((ev.currentTarget as HTMLSelectElement).value)}>
                <option value="">—</option>
                {(consultants ?? []).map((c) => (
                  <option key={c.id} value={c.id}>{`${c.name}${c.store ? ` · ${c.store}` : ''}`}</option>
                ))}
              </select>
            </Field>
          </div>
          <FormError error={assign.error} />
          <Button type="submit" kind="primary" disabled={!consultant || assign.busy}>
            {tb('lead.assign')}
          </Button>
        </form>
      ) : null}
      <form
        class="card"
        onSubmit={(ev) => {
          ev.preventDefault();
          void save.run(
            () => bo.noteLead(lead.id, { note: note.note, ...(note.next ? { nextContactAt: note.next } : {}), ...(note.status ? { status: note.status as LeadStatus } : {}), ...(note.lostReason ? { lostReason: note.lostReason } : {}) }),
            () => {
              setNote({ note: '', next: '', status: '', lostReason: '' });
              done();
            },
          );
        }}
      >
        <h3>{tb('lead.followUp')}</h3>
        <Field label={tb('field.note')}>
          <TextArea name="note" rows={2} maxLength={2000} value={note.note} onValue={(v) => setNote({ ...note, note: v })} />
        </Field>
        <div class="field-row">
          <Field label={tb('field.nextContact')}>
            <DateTimeInput name="nextContactAt" value={note.next} onValue={(v) => setNote({ ...note, next: v })} />
          </Field>
          <Field label={tb('field.status')}>
            <select name="status" value={note.status} onChange={(ev) => setNote({ ...note, status: (ev.currentTarget as HTMLSelectElement).value })}>
              <option value="">{tb('lead.keepStatus')}</option>
              {LEAD_STATUSES.map((s) => (
                <option key={s} value={s}>{label('leadStatus', s)}</option>
              ))}
            </select>
          </Field>
          {note.status === 'lost' ? (
            <Field label={tb('field.lostReason')}>
              <TextInput name="lostReason" maxLength={500} value={note.lostReason} onValue={(v) => setNote({ ...note, lostReason: v })} />
            </Field>
          ) : null}
        </div>
        <FormError error={save.error} />
        <Button type="submit" disabled={!note.note.trim() || save.busy}>
          {tb('lead.saveNote')}
        </Button>
      </form>
      <section class="card">
        <h2>{tb('lead.history')}</h2>
        <ol class="bo-history">
          {lead.history.map((h, i) => (
            <li key={i}>
              <span class="muted small">{when(h.at)}</span> <strong>{label('leadStatus', h.to)}</strong> {h.by ? <span class="muted">{h.by}</span> : null} {h.note ? <span>{h.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/** 咨询受理: the lead work list (open, due, all), assignment to a sales consultant, follow-up notes. */
export default function LeadsPage({ params }: { params: string[] }) {
  const [view, setView] = useState<View>('open');
  const [q, setQ] = useState('');
  const { data, error, reload } = useLoad(() => bo.leads({ view, q: q || undefined }), [view, q, noticeTick.value]);
  const id = params[0];
  const list = (
    <>
      <Head title={tb('lead.title')} />
      <Tabs name={tb('lead.title')} tabs={(['open', 'due', 'all'] as const).map((v) => ({ id: v, label: tb(`lead.view.${v}`) }))} value={view} onChange={(v) => setView(v as View)} />
      <TextInput class="bo-search" name="q" type="search" placeholder={tb('lead.search')} maxLength={100} value={q} onValue={(v, composing) => !composing && setQ(v)} />
      {error ? <p class="form-error">{error}</p> : null}
      {data && !data.length ? <Empty>{tb('empty')}</Empty> : null}
      <ul class="bo-rows">
        {(data ?? []).map((l: Lead) => (
          <li key={l.id}>
            <a class={`bo-row lead-row${l.id === id ? ' is-active' : ''}${l.due ? ' is-overdue' : ''}`} data-id={l.id} href={href('leads', l.id)}>
              <Chip kind={`lstatus-${l.status}`}>{label('leadStatus', l.status)}</Chip>
              <Chip kind="channel">{channelName(l.sourceChannel)}</Chip>
              <strong>{l.name || l.customer.name || '—'}</strong>
              {l.consultant ? <span class="muted">{l.consultant.name}</span> : null}
              {l.due ? <Chip kind="danger">{tb('lead.due')}</Chip> : null}
              <span class="bo-row-text">{l.need}</span>
              <span class="muted small">{when(l.createdAt)}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
  return (
    <div class="page back-office leads">
      <Split list={list} detail={id ? <Detail key={id} id={id} onChange={reload} /> : undefined} />
    </div>
  );
}
