import { useState } from 'preact/hooks';
import { lang } from '../../../i18n';
import { href } from '../../../router';
import { Empty, Field } from '../../../components/ui';
import { bo, downloads } from '../api';
import { label, tb } from '../i18n';
import { Head, useLoad } from '../ui';
import { monthLocal, yuan } from '../format';

/** 当月绩效扣款明细表: the signed slips and fined forbidden phrases of a month, per person; to HR as CSV/XLSX. */
export function Deductions() {
  const [month, setMonth] = useState(monthLocal());
  const { data, error } = useLoad(() => bo.deductions(month), [month]);
  return (
    <div class="page back-office deductions">
      <Head title={tb('penalty.deductions')}>
        <a class="btn small" href={href('complaints')}>{tb('complaint.title')}</a>
        <a class="btn small" href={downloads.live('deductions', 'xlsx', { month, lang: lang.value })} download>XLSX</a>
        <a class="btn small" href={downloads.live('deductions', 'csv', { month, lang: lang.value })} download>CSV</a>
      </Head>
      <Field label={tb('field.month')}>
        <input type="month" name="month" value={month} onInput={(ev) => setMonth((ev.currentTarget as HTMLInputElement).value || monthLocal())} />
      </Field>
      {error ? <p class="form-error">{error}</p> : null}
      {data && !data.lines.length ? <Empty>{tb('empty')}</Empty> : null}
      {data?.lines.length ? (
        <table class="table bo-table">
          <thead>
            <tr>
              <th>{tb('field.person')}</th>
              <th>{tb('field.kind')}</th>
              <th>{tb('penalty.title')}</th>
              <th>{tb('field.violations')}</th>
              <th>{tb('field.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {data.lines.map((l) => (
              <tr key={l.key}>
                <td>{l.name}</td>
                <td>{label('subject', l.kind)}</td>
                <td class="small">{l.slips.map((s) => `${s.number} ${s.reason} ${yuan(s.amountFen)}`).join('；')}</td>
                <td>{l.violations}</td>
                <td class="fine">{yuan(l.totalFen)}</td>
              </tr>
            ))}
            <tr class="bo-total">
              <td colSpan={4}>{tb('field.total')}</td>
              <td class="fine">{yuan(data.totalFen)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
