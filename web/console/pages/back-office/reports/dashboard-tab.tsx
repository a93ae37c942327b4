import { useState } from 'preact/hooks';
import { CHANNELS } from '../../../../../src/http/contract/enums';
import { api } from '../../../api';
import { lang } from '../../../i18n';
import { channelName } from '../../../format';
import { Empty, Field } from '../../../components/ui';
import { bo, downloads, type Dashboard } from '../api';
import { label, tb } from '../i18n';
import { useLoad } from '../ui';
import { percent, seconds, todayLocal, yuan } from '../format';
import { Chart } from './chart';

const palette = ['#1769e0', '#18a058', '#f59e0b', '#d83931', '#7c3aed', '#0891b2', '#64748b', '#db2777', '#65a30d'];

function Kpi({ name, value, hint }: { name: string; value: string | number; hint?: string }) {
  return (
    <div class="bo-kpi" data-kpi={name}>
      <span class="bo-kpi-value">{value}</span>
      <span class="bo-kpi-name">{tb(`report.kpi.${name}`)}</span>
      {hint ? <span class="muted small">{hint}</span> : null}
    </div>
  );
}

function Charts({ d }: { d: Dashboard }) {
  const c = d.conversations;
  return (
    <div class="bo-charts">
      <section class="card wide">
        <h2>{tb('report.byDay')}</h2>
        <Chart
          name="by-day"
          option={{
            color: palette,
            tooltip: { trigger: 'axis' },
            legend: { top: 0, data: [tb('report.total'), tb('report.handedOff')] },
            grid: { left: 40, right: 16, top: 36, bottom: 28 },
            xAxis: { type: 'category', data: c.byDay.map((x) => x.day.slice(5)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              { name: tb('report.total'), type: 'line', areaStyle: { opacity: 0.12 }, data: c.byDay.map((x) => x.total) },
              { name: tb('report.handedOff'), type: 'line', data: c.byDay.map((x) => x.handedOff) },
            ],
          }}
        />
      </section>
      <section class="card">
        <h2>{tb('report.byChannel')}</h2>
        <Chart name="by-channel" option={{ color: palette, tooltip: { trigger: 'item' }, legend: { bottom: 0 }, series: [{ type: 'pie', radius: ['40%', '68%'], data: c.byChannel.map((x) => ({ name: channelName(x.channel), value: x.total })) }] }} />
      </section>
      <section class="card">
        <h2>{tb('report.byHour')}</h2>
        <Chart
          name="by-hour"
          option={{ color: palette, tooltip: { trigger: 'axis' }, grid: { left: 40, right: 16, top: 16, bottom: 28 }, xAxis: { type: 'category', data: c.byHour.map((h) => String(h.hour)) }, yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', data: c.byHour.map((h) => h.total) }] }}
        />
      </section>
      <section class="card">
        <h2>{tb('report.leadFunnel')}</h2>
        <Chart
          name="lead-funnel"
          option={{
            color: palette,
            tooltip: { trigger: 'axis' },
            grid: { left: 64, right: 16, top: 16, bottom: 28 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: ['new', 'assigned', 'contacted', 'signed', 'lost'].map((s) => label('leadStatus', s)) },
            series: [{ type: 'bar', data: ['new', 'assigned', 'contacted', 'signed', 'lost'].map((s) => d.leads.byStatus.find((x) => x.status === s)?.total ?? 0) }],
          }}
        />
      </section>
      <section class="card">
        <h2>{tb('report.complaintsByCategory')}</h2>
        {d.complaints.byCategory.length ? null : <Empty>{tb('empty')}</Empty>}
        <Chart name="complaints-by-category" option={{ color: palette, tooltip: { trigger: 'item' }, legend: { bottom: 0 }, series: [{ type: 'pie', radius: '62%', data: d.complaints.byCategory.map((x) => ({ name: label('category', x.key), value: x.total })) }] }} />
      </section>
      <section class="card">
        <h2>{tb('report.csat')}</h2>
        <Chart
          name="csat"
          option={{
            color: palette,
            tooltip: { trigger: 'axis' },
            grid: { left: 40, right: 16, top: 16, bottom: 28 },
            xAxis: { type: 'category', data: ['overall', 'attitude', 'speed', 'resolution'].map((k) => tb(`report.dim.${k}`)) },
            yAxis: { type: 'value', min: 0, max: 5 },
            series: [{ type: 'bar', data: [d.csat.overall, d.csat.attitude, d.csat.speed, d.csat.resolution].map((v) => v ?? 0) }],
          }}
        />
      </section>
      <section class="card wide">
        <h2>{tb('report.fines')}</h2>
        {d.fines.length ? null : <Empty>{tb('empty')}</Empty>}
        <table class="table bo-table" hidden={!d.fines.length}>
          <thead>
            <tr>
              <th>{tb('field.agent')}</th>
              <th>{tb('field.month')}</th>
              <th>{tb('report.offences')}</th>
              <th>{tb('penalty.title')}</th>
              <th>{tb('field.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {d.fines.map((f) => (
              <tr key={`${f.agent}-${f.month}`}>
                <td>{f.name}</td>
                <td>{f.month}</td>
                <td>{f.offences}</td>
                <td>{f.slips}</td>
                <td class="fine">{yuan(f.totalFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

/** 数据看板: the period's figures with charts; filters by period, channel and agent; CSV/XLSX. */
export function DashboardTab() {
  const [f, setF] = useState<Record<string, string | undefined>>({ from: todayLocal(-29), to: todayLocal() });
  const { data: agents } = useLoad(() => api.agents(), []);
  const { data, error } = useLoad(() => bo.dashboard(f), [f.from, f.to, f.channel, f.agent]);
  const set = (k: string) => (ev: Event) => setF({ ...f, [k]: (ev.currentTarget as HTMLInputElement).value || undefined });
  return (
    <div class="bo-dashboard">
      <form class="filters" onSubmit={(ev) => ev.preventDefault()}>
        <Field label={tb('field.from')}>
          <input type="date" name="from" value={f.from} onInput={set('from')} />
        </Field>
        <Field label={tb('field.to')}>
          <input type="date" name="to" value={f.to} onInput={set('to')} />
        </Field>
        <Field label={tb('field.channel')}>
          <select name="channel" value={f.channel ?? ''} onChange={set('channel')}>
            <option value="">{tb('report.all')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>{channelName(c)}</option>
            ))}
          </select>
        </Field>
        <Field label={tb('field.agent')}>
          <select name="agent" value={f.agent ?? ''} onChange={set('agent')}>
            <option value="">{tb('report.all')}</option>
            {(agents ?? []).map((a) => (
              <option key={a.id} value={a.id}>{`${a.name} · ${a.agentNumber}`}</option>
            ))}
          </select>
        </Field>
        <div class="filter-actions">
          <a class="btn" href={downloads.live('dashboard', 'xlsx', { ...f, lang: lang.value })} download>XLSX</a>
          <a class="btn" href={downloads.live('dashboard', 'csv', { ...f, lang: lang.value })} download>CSV</a>
        </div>
      </form>
      {error ? <p class="form-error">{error}</p> : null}
      {data ? (
        <>
          <div class="bo-kpis">
            <Kpi name="conversations" value={data.conversations.total} />
            <Kpi name="botOnly" value={data.conversations.botOnly} hint={percent(data.conversations.total ? data.conversations.botOnly / data.conversations.total : undefined)} />
            <Kpi name="handedOff" value={data.conversations.handedOff} />
            <Kpi name="firstResponse" value={seconds(data.sla.firstResponseAvgSeconds)} hint={tb('report.within', { share: percent(data.sla.firstResponseWithinShare), target: data.sla.targets.firstResponseSeconds })} />
            <Kpi name="resolution" value={seconds(data.sla.resolutionAvgSeconds)} hint={tb('report.within', { share: percent(data.sla.resolutionWithinShare), target: data.sla.targets.resolutionSeconds })} />
            <Kpi name="csat" value={data.csat.overall ?? '—'} hint={tb('report.rated', { count: data.csat.rated })} />
            <Kpi name="leads" value={data.leads.total} />
            <Kpi name="complaints" value={data.complaints.total} hint={tb('report.overdue', { count: data.complaints.overdue })} />
            <Kpi name="followUps" value={data.followUps.done} hint={data.followUps.attitude ? tb('report.meanAttitude', { score: data.followUps.attitude }) : undefined} />
          </div>
          <Charts d={data} />
        </>
      ) : null}
    </div>
  );
}
