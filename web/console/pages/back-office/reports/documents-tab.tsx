import { useState } from 'preact/hooks';
import { lang } from '../../../i18n';
import { href } from '../../../router';
import { Button, Empty, Field } from '../../../components/ui';
import { bo, downloads, type ComplaintAnalysis, type Inquiry } from '../api';
import { label, tb } from '../i18n';
import { FormError, useAction, useLoad } from '../ui';
import { monthLocal, percent, when } from '../format';
import { Chart } from './chart';

function ComplaintDocument({ d }: { d: ComplaintAnalysis }) {
  return (
    <>
      <div class="bo-kpis">
        {(['total', 'justified', 'unjustified', 'closed', 'deadlinesMissed'] as const).map((k) => (
          <div key={k} class="bo-kpi" data-kpi={k}>
            <span class="bo-kpi-value">{d[k]}</span>
            <span class="bo-kpi-name">{tb(`report.doc.${k}`)}</span>
          </div>
        ))}
        <div class="bo-kpi">
          <span class="bo-kpi-value">{d.averageHoursToClose ?? '—'}</span>
          <span class="bo-kpi-name">{tb('report.doc.hoursToClose')}</span>
        </div>
      </div>
      <section class="card">
        <h2>{tb('report.complaintsByCategory')}</h2>
        <Chart name="document-categories" height={220} option={{ tooltip: { trigger: 'item' }, legend: { bottom: 0 }, series: [{ type: 'pie', radius: '60%', data: d.byCategory.map((x) => ({ name: label('category', x.key), value: x.total })) }] }} />
      </section>
      <table class="table bo-table bo-cases">
        <thead>
          <tr>
            {['number', 'day', 'severity', 'category', 'status', 'description', 'resolution', 'summary'].map((k) => (
              <th key={k}>{tb(`report.case.${k}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.cases.map((c) => (
            <tr key={c.number}>
              <td class="mono">{c.number}</td>
              <td>{c.day}</td>
              <td>{label('severity', c.severity)}</td>
              <td>{label('category', c.category)}</td>
              <td>{label('complaintStatus', c.status)}</td>
              <td>{c.description}</td>
              <td>{c.resolution}</td>
              <td>{c.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function InquiryDocument({ d }: { d: Inquiry }) {
  return (
    <table class="table bo-table">
      <thead>
        <tr>
          <th>{tb('field.channel')}</th>
          <th>{tb('report.total')}</th>
          <th>{label('leadStatus', 'signed')}</th>
          <th>{label('leadStatus', 'lost')}</th>
          <th>{tb('report.conversion')}</th>
          <th>{tb('report.previous')}</th>
        </tr>
      </thead>
      <tbody>
        {d.byChannel.map((r) => (
          <tr key={r.channel}>
            <td>{label('channel', r.channel)}</td>
            <td>{r.total}</td>
            <td>{r.signed}</td>
            <td>{r.lost}</td>
            <td>{percent(r.conversion)}</td>
            <td>{r.previous}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Opened({ id }: { id: string }) {
  const { data, error } = useLoad(() => bo.document(id), [id]);
  if (error) return <p class="form-error">{error}</p>;
  if (!data) return null;
  return (
    <article class="bo-record report-document" data-id={data.id} data-kind={data.kind}>
      <div class="page-head">
        <h2>{tb(`report.kind.${data.kind}`, { period: data.period })}</h2>
        <div class="row-actions">
          <a class="btn small primary download-xlsx" href={downloads.document(data.id, 'xlsx', lang.value)} download>
            {tb('report.downloadXlsx')}
          </a>
          <a class="btn small download-csv" href={downloads.document(data.id, 'csv', lang.value)} download>
            {tb('report.downloadCsv')}
          </a>
        </div>
      </div>
      <p class="muted small">{tb('report.generated', { at: when(data.generatedAt), by: data.generatedBy ?? '', revision: data.revision })}</p>
      {data.kind === 'complaint-monthly' ? <ComplaintDocument d={data.data as ComplaintAnalysis} /> : <InquiryDocument d={data.data as Inquiry} />}
    </article>
  );
}

/** 月度报告: the documents the job writes before the 5th; open one, download it, or generate one now. */
export function DocumentsTab({ id }: { id?: string }) {
  const { data, error, reload } = useLoad(() => bo.documents(), []);
  const [month, setMonth] = useState(monthLocal(-1));
  const action = useAction();
  return (
    <div class="bo-documents">
      <form class="filters" onSubmit={(ev) => (ev.preventDefault(), void action.run(() => bo.generate('complaint-monthly', month), reload))}>
        <Field label={tb('field.month')}>
          <input type="month" name="period" value={month} onInput={(ev) => setMonth((ev.currentTarget as HTMLInputElement).value)} />
        </Field>
        <div class="filter-actions">
          <Button type="submit" disabled={action.busy}>{tb('report.generateNow')}</Button>
        </div>
      </form>
      <FormError error={action.error} />
      {error ? <p class="form-error">{error}</p> : null}
      {data && !data.length ? <Empty>{tb('report.noDocuments')}</Empty> : null}
      <ul class="bo-rows">
        {(data ?? []).map((d) => (
          <li key={d.id}>
            <a class={`bo-row document-row${d.id === id ? ' is-active' : ''}`} data-id={d.id} data-kind={d.kind} href={href('reports', 'documents', d.id)}>
              <strong>{tb(`report.kind.${d.kind}`, { period: d.period })}</strong>
              <span class="muted small">{when(d.generatedAt)}</span>
            </a>
          </li>
        ))}
      </ul>
      {id ? <Opened key={id} id={id} /> : null}
    </div>
  );
}
