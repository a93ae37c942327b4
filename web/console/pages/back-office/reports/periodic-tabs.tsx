import { useState } from 'preact/hooks';
import { lang } from '../../../i18n';
import { Field } from '../../../components/ui';
import { bo, downloads } from '../api';
import { label, tb } from '../i18n';
import { useLoad } from '../ui';
import { monthLocal, percent, todayLocal, yuan } from '../format';
import { Chart } from './chart';

const Exports = ({ report, params }: { report: string; params: Record<string, string> }) => (
  <div class="filter-actions">
    <a class="btn" href={downloads.live(report, 'xlsx', { ...params, lang: lang.value })} download>XLSX</a>
    <a class="btn" href={downloads.live(report, 'csv', { ...params, lang: lang.value })} download>CSV</a>
  </div>
);

/** 日报: the day's figures and sales by product. */
export function DailyTab() {
  const [day, setDay] = useState(todayLocal());
  const { data, error } = useLoad(() => bo.daily(day), [day]);
  return (
    <div class="bo-daily">
      <form class="filters" onSubmit={(ev) => ev.preventDefault()}>
        <Field label={tb('field.day')}>
          <input type="date" name="day" value={day} onInput={(ev) => setDay((ev.currentTarget as HTMLInputElement).value || todayLocal())} />
        </Field>
        <Exports report="daily" params={{ day }} />
      </form>
      {error ? <p class="form-error">{error}</p> : null}
      {data ? (
        <>
          <div class="bo-kpis">
            {([['conversations', data.conversations.total], ['handedOff', data.conversations.handedOff], ['leads', data.leads.total], ['complaints', data.complaints.total], ['followUps', data.followUps.done], ['orders', data.sales.orders], ['sales', yuan(data.sales.fen)], ['csat', data.csat.overall ?? '—']] as [string, string | number][]).map(([k, v]) => (
              <div key={k} class="bo-kpi" data-kpi={k}>
                <span class="bo-kpi-value">{v}</span>
                <span class="bo-kpi-name">{tb(`report.kpi.${k}`)}</span>
              </div>
            ))}
          </div>
          <table class="table bo-table">
            <thead>
              <tr>
                <th>{tb('report.product')}</th>
                <th>{tb('report.quantity')}</th>
                <th>{tb('field.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {data.sales.byProduct.map((p) => (
                <tr key={p.product}>
                  <td>{p.product}</td>
                  <td>{p.quantity}</td>
                  <td>{yuan(p.fen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

/** 月度咨询分析: the month's inquiries by channel and consultant, beside the month before. */
export function InquiriesTab() {
  const [month, setMonth] = useState(monthLocal());
  const { data, error } = useLoad(() => bo.inquiries(month), [month]);
  return (
    <div class="bo-inquiries">
      <form class="filters" onSubmit={(ev) => ev.preventDefault()}>
        <Field label={tb('field.month')}>
          <input type="month" name="month" value={month} onInput={(ev) => setMonth((ev.currentTarget as HTMLInputElement).value || monthLocal())} />
        </Field>
        <Exports report="inquiries" params={{ month }} />
      </form>
      {error ? <p class="form-error">{error}</p> : null}
      {data ? (
        <section class="card">
          <h2>{tb('report.inquiriesTitle', { total: data.total, previous: data.previousTotal })}</h2>
          <Chart
            name="inquiries-by-channel"
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0, data: [tb('report.thisMonth'), tb('report.previous'), label('leadStatus', 'signed')] },
              grid: { left: 40, right: 16, top: 36, bottom: 28 },
              xAxis: { type: 'category', data: data.byChannel.map((r) => label('channel', r.channel)) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                { name: tb('report.thisMonth'), type: 'bar', data: data.byChannel.map((r) => r.total) },
                { name: tb('report.previous'), type: 'bar', data: data.byChannel.map((r) => r.previous) },
                { name: label('leadStatus', 'signed'), type: 'bar', data: data.byChannel.map((r) => r.signed) },
              ],
            }}
          />
          <table class="table bo-table">
            <thead>
              <tr>
                <th>{tb('field.consultant')}</th>
                <th>{tb('report.total')}</th>
                <th>{label('leadStatus', 'signed')}</th>
                <th>{tb('report.conversion')}</th>
              </tr>
            </thead>
            <tbody>
              {data.byConsultant.map((r) => (
                <tr key={r.consultant}>
                  <td>{r.consultant}</td>
                  <td>{r.total}</td>
                  <td>{r.signed}</td>
                  <td>{percent(r.conversion)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

/** 客服满意度: the month's CSAT per agent on the three dimensions, with QA scores. */
export function CsatTab() {
  const [month, setMonth] = useState(monthLocal());
  const { data, error } = useLoad(() => bo.csat(month), [month]);
  return (
    <div class="bo-csat">
      <form class="filters" onSubmit={(ev) => ev.preventDefault()}>
        <Field label={tb('field.month')}>
          <input type="month" name="month" value={month} onInput={(ev) => setMonth((ev.currentTarget as HTMLInputElement).value || monthLocal())} />
        </Field>
        <Exports report="csat" params={{ month }} />
      </form>
      {error ? <p class="form-error">{error}</p> : null}
      {data ? (
        <table class="table bo-table">
          <thead>
            <tr>
              {['agent', 'rated', 'overall', 'attitude', 'speed', 'resolution', 'low', 'qaScore'].map((k) => (
                <th key={k}>{tb(`report.csatCol.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.agents.map((a) => (
              <tr key={a.agent}>
                <td>{a.name}</td>
                <td>{a.rated}</td>
                <td>{a.overall ?? '—'}</td>
                <td>{a.attitude ?? '—'}</td>
                <td>{a.speed ?? '—'}</td>
                <td>{a.resolution ?? '—'}</td>
                <td>{a.low}</td>
                <td>{a.qaScore ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
