import { useEffect, useState } from 'preact/hooks';
import type { AgentSummary, AgentTally, Ledger as LedgerData, LedgerFilter, Violation } from '../../../../src/http/contract';
import { VIOLATION_STATUSES, type ViolationDecision, type ViolationStatus } from '../../../../src/http/contract/enums';
import { api } from '../../api';
import { t } from '../../i18n';
import { href } from '../../router';
import { thisMonth, when } from '../../format';
import { failed, reason } from '../../state/notify';
import { isManager, me } from '../../state/session';
import { Button, Chip, Empty, Field, reasonDialog } from '../../components/ui';

/** The decisions that apply to an entry in its state, for this user. */
function decisionsFor(v: Violation): ViolationDecision[] {
  const mine = v.agent.id === me.value?.id;
  const byState: Record<ViolationStatus, ViolationDecision[]> = { warning: ['confirm', 'waive'], fined: ['waive', 'appeal'], appealed: ['confirm', 'waive'], waived: [] };
  return isManager.value ? byState[v.status] : v.status === 'fined' && mine ? ['appeal'] : [];
}

function Tally({ rows }: { rows: AgentTally[] }) {
  if (!rows.length) return <Empty>{t('quality.noViolations')}</Empty>;
  return (
    <table class="table tally">
      <thead>
        <tr>
          <th>{t('quality.agent')}</th>
          <th>{t('quality.warnings')}</th>
          <th>{t('quality.offences')}</th>
          <th>{t('quality.fines')}</th>
          <th>{t('quality.byCategory')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.agent.id} class={r.dismissal ? 'is-dismissal' : ''}>
            <td>{`${r.agent.name} · ${r.agent.agentNumber}`}</td>
            <td>{r.warnings}</td>
            <td>{r.offences}</td>
            <td>{t('quality.yuan', { n: r.fines })}</td>
            <td>
              {r.byCategory.map((c) => (
                <span key={c.category} class={`rule${c.dismissal ? ' is-reached' : ''}`}>
                  {t('quality.ruleCount', { category: t(`category.${c.category}`), count: c.offences, limit: c.dismissalAt ?? '—' })}
                </span>
              ))}
              {r.dismissal ? <Chip kind="danger">{t('quality.dismissal')}</Chip> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Entry({ v, onDecided }: { v: Violation; onDecided(): void }) {
  const decide = async (decision: ViolationDecision) => {
    const why = await reasonDialog(t(`quality.decision.${decision}Title`), t(`quality.decision.${decision}`));
    if (!why) return;
    try {
      await api.decide(v.id, decision, why);
      onDecided();
    } catch (err) {
      failed(err);
    }
  };
  const last = v.decisions[v.decisions.length - 1];
  return (
    <li class={`violation status-${v.status}`} data-id={v.id} data-status={v.status}>
      <div class="violation-head">
        <time dateTime={v.at}>{when(v.at)}</time>
        <strong>{`${v.agent.name} · ${v.agent.agentNumber}`}</strong>
        <Chip kind={`vstatus-${v.status}`}>{t(`quality.status.${v.status}`)}</Chip>
        <Chip kind="muted">{t(`quality.kind.${v.kind}`)}</Chip>
        <span>{t(`category.${v.category}`)}</span>
        {v.status === 'fined' ? <span class="fine">{t('quality.yuan', { n: v.fine })}</span> : null}
        <a class="open-chat" href={href('inbox', v.conversationId)}>
          {t('quality.openChat')}
        </a>
      </div>
      <div class="violation-phrase">{t('quality.phraseWas', { phrase: v.phrase })}</div>
      <blockquote class="quote small">{v.text}</blockquote>
      {last ? <div class="muted small">{t('quality.lastDecision', { action: t(`quality.decision.${last.action}`), by: last.by.name, reason: last.reason, time: when(last.at) })}</div> : null}
      <div class="row-actions">
        {decisionsFor(v).map((d) => (
          <Button key={d} small kind={d === 'confirm' ? 'danger' : ''} class={`decide-${d}`} onClick={() => void decide(d)}>
            {t(`quality.decision.${d}`)}
          </Button>
        ))}
      </div>
    </li>
  );
}

/** 违规记录: per month and agent; warnings (blocked, not counted), fines, appeals, with the rules of 001 §二. */
export function Ledger() {
  const [filter, setFilter] = useState<LedgerFilter>({ month: thisMonth() });
  const [data, setData] = useState<LedgerData | undefined>(undefined);
  const [agents, setAgents] = useState<AgentSummary[]>([]);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState('');
  useEffect(() => {
    if (isManager.value) api.agents().then(setAgents, () => undefined);
  }, []);
  useEffect(() => {
    let live = true;
    api.violations(filter).then(
      (d) => live && (setData(d), setError('')),
      (err: unknown) => live && setError(reason(err)),
    );
    return () => {
      live = false;
    };
  }, [filter, version]);
  const set = (patch: Partial<LedgerFilter>) => setFilter({ ...filter, ...patch });
  return (
    <section class="card ledger">
      <h2>{t('quality.ledgerTitle')}</h2>
      <p class="muted small">{t('quality.ledgerHint')}</p>
      <div class="filters">
        <Field label={t('quality.month')}>
          <input type="month" name="month" value={filter.month ?? ''} onInput={(ev) => set({ month: (ev.currentTarget as HTMLInputElement).value || undefined })} />
        </Field>
        {isManager.value ? (
          <Field label={t('quality.agent')}>
            <select name="agentId" value={filter.agentId ?? ''} onChange={(ev) => set({ agentId: (ev.currentTarget as HTMLSelectElement).value || undefined })}>
              <option value="">{t('history.any')}</option>
              {agents.map((a) => <option key={a.id} value={a.id}>{`${a.name} · ${a.agentNumber}`}</option>)}
            </select>
          </Field>
        ) : null}
        <Field label={t('quality.state')}>
          <select name="status" value={filter.status ?? ''} onChange={(ev) => set({ status: ((ev.currentTarget as HTMLSelectElement).value || undefined) as ViolationStatus | undefined })}>
            <option value="">{t('history.any')}</option>
            {VIOLATION_STATUSES.map((s) => <option key={s} value={s}>{t(`quality.status.${s}`)}</option>)}
          </select>
        </Field>
      </div>
      {error ? <p class="form-error">{error}</p> : null}
      {data ? <Tally rows={data.byAgent} /> : null}
      <ul class="violations">
        {(data?.items ?? []).map((v) => (
          <Entry key={v.id} v={v} onDecided={() => setVersion(version + 1)} />
        ))}
      </ul>
    </section>
  );
}
