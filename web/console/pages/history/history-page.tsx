import { useEffect, useState } from 'preact/hooks';
import type { AgentSummary, HistoryFilter, HistoryPage as Page } from '../../../../src/http/contract';
import { CHANNELS, CONVERSATION_STATUSES } from '../../../../src/http/contract/enums';
import { api } from '../../api';
import { t, tOr } from '../../i18n';
import { href } from '../../router';
import { channelName, when } from '../../format';
import { reason } from '../../state/notify';
import { isManager } from '../../state/session';
import { Button, Chip, Empty, Field } from '../../components/ui';
import { TextInput } from '../../components/text-field';

const EMPTY: HistoryFilter = { status: 'closed', page: 1 };

/** The filters: words (customer, phone, message), channel, status, agent (managers), days, tag. */
function Filters({ value, agents, onSearch }: { value: HistoryFilter; agents: AgentSummary[]; onSearch(f: HistoryFilter): void }) {
  const [f, setF] = useState<HistoryFilter>(value);
  const set = (patch: Partial<HistoryFilter>) => setF({ ...f, ...patch });
  const select = (name: keyof HistoryFilter, options: [string, string][]) => (
    <select name={name} value={String(f[name] ?? '')} onChange={(ev) => set({ [name]: (ev.currentTarget as HTMLSelectElement).value || undefined })}>
      <option value="">{t('history.any')}</option>
      {options.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </select>
  );
  return (
    <form
      class="filters"
      onSubmit={(ev) => {
        ev.preventDefault();
        onSearch({ ...f, page: 1 });
      }}
    >
      <Field label={t('history.q')} class="grow">
        <TextInput name="q" type="search" maxLength={100} placeholder={t('history.qHint')} value={f.q ?? ''} onValue={(v) => set({ q: v || undefined })} />
      </Field>
      <Field label={t('history.channel')}>{select('channel', CHANNELS.map((c) => [c, channelName(c)]))}</Field>
      <Field label={t('history.status')}>{select('status', CONVERSATION_STATUSES.map((s) => [s, tOr(`status.${s}`, s)]))}</Field>
      {isManager.value ? <Field label={t('history.agent')}>{select('agentId', agents.map((a) => [a.id, `${a.name} · ${a.agentNumber}`]))}</Field> : null}
      <Field label={t('history.from')}>
        <input type="date" name="from" value={f.from ?? ''} onInput={(ev) => set({ from: (ev.currentTarget as HTMLInputElement).value || undefined })} />
      </Field>
      <Field label={t('history.to')}>
        <input type="date" name="to" value={f.to ?? ''} onInput={(ev) => set({ to: (ev.currentTarget as HTMLInputElement).value || undefined })} />
      </Field>
      <Field label={t('history.tag')}>
        <TextInput name="tag" maxLength={50} value={f.tag ?? ''} onValue={(v) => set({ tag: v || undefined })} />
      </Field>
      <div class="filter-actions">
        <Button kind="primary" type="submit">
          {t('history.search')}
        </Button>
        <Button
          onClick={() => {
            setF(EMPTY);
            onSearch(EMPTY);
          }}
        >
          {t('history.reset')}
        </Button>
      </div>
    </form>
  );
}

/** 历史会话: closed chats and every other one, searchable; a row opens the whole transcript. */
export default function HistoryPage() {
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY);
  const [page, setPage] = useState<Page | undefined>(undefined);
  const [error, setError] = useState('');
  const [agents, setAgents] = useState<AgentSummary[]>([]);
  useEffect(() => {
    if (isManager.value) api.agents().then(setAgents, () => undefined);
  }, []);
  useEffect(() => {
    let live = true;
    setError('');
    api.history(filter).then(
      (p) => live && setPage(p),
      (err: unknown) => live && setError(reason(err)),
    );
    return () => {
      live = false;
    };
  }, [filter]);
  return (
    <div class="page history">
      <h1>{t('history.title')}</h1>
      <Filters value={filter} agents={agents} onSearch={setFilter} />
      {error ? <p class="form-error">{error}</p> : null}
      {page ? <p class="muted small result-count">{t('history.count', { count: page.total })}</p> : null}
      {page && !page.items.length ? <Empty>{t('history.none')}</Empty> : null}
      <ul class="history-list">
        {(page?.items ?? []).map((c) => (
          <li key={c.id}>
            <a class="history-item" data-id={c.id} href={href('inbox', c.id)}>
              <span class="history-when">{when(c.lastMessageAt ?? c.createdAt)}</span>
              <strong>{c.customer.name || c.customer.phone || t('customer.visitor')}</strong>
              {c.customer.phone && c.customer.name ? <span class="muted">{c.customer.phone}</span> : null}
              <Chip kind="channel">{channelName(c.channel)}</Chip>
              <Chip kind={`status-${c.status}`}>{tOr(`status.${c.status}`, c.status)}</Chip>
              {c.assignee ? <span class="muted">{`${c.assignee.name} · ${c.assignee.agentNumber}`}</span> : null}
              {(c.customer.tags ?? []).map((tag) => (
                <Chip key={tag} kind="tag">
                  {tag}
                </Chip>
              ))}
              <span class="history-preview">{c.lastMessagePreview}</span>
            </a>
          </li>
        ))}
      </ul>
      {page && page.pages > 1 ? (
        <nav class="pager">
          <Button small disabled={page.page <= 1} onClick={() => setFilter({ ...filter, page: page.page - 1 })}>
            {t('history.prev')}
          </Button>
          <span>{t('history.pageOf', { page: page.page, pages: page.pages })}</span>
          <Button small disabled={page.page >= page.pages} onClick={() => setFilter({ ...filter, page: page.page + 1 })}>
            {t('history.next')}
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
