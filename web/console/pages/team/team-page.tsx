import { useEffect, useState } from 'preact/hooks';
import type { AgentSummary } from '../../../../src/http/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { when } from '../../format';
import { reason } from '../../state/notify';
import { presenceChanged } from '../../state/live';
import { conversations } from '../../state/inbox';
import { Chip, Empty } from '../../components/ui';

/** 团队: who is online, away or offline, and how many chats each serves against their limit (live). */
export default function TeamPage() {
  const [agents, setAgents] = useState<AgentSummary[] | undefined>(undefined);
  const [error, setError] = useState('');
  // Presence changes and chats moving (load) both redraw the board; one read per second at most.
  const tick = presenceChanged.value + Object.keys(conversations.value).length;
  const load = Object.values(conversations.value).filter((c) => c.status === 'assigned').length;
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.agents().then(
        (a) => live && setAgents(a),
        (err: unknown) => live && setError(reason(err)),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [tick, load]);
  const serving = (agents ?? []).filter((a) => a.role !== 'admin');
  const online = serving.filter((a) => a.presence === 'online').length;
  return (
    <div class="page team">
      <h1>{t('team.title')}</h1>
      <p class="muted">{t('team.summary', { online, total: serving.length })}</p>
      {error ? <p class="form-error">{error}</p> : null}
      {agents && !agents.length ? <Empty>{t('team.none')}</Empty> : null}
      <table class="table team-table">
        <thead>
          <tr>
            <th>{t('users.name')}</th>
            <th>{t('users.agentNumber')}</th>
            <th>{t('users.role')}</th>
            <th>{t('presence.label')}</th>
            <th>{t('team.chats')}</th>
            <th>{t('users.skills')}</th>
            <th>{t('team.seen')}</th>
          </tr>
        </thead>
        <tbody>
          {(agents ?? []).map((a) => (
            <tr key={a.id} data-id={a.id} data-presence={a.presence} class={`presence-${a.presence}`}>
              <td>{a.name}</td>
              <td class="mono">{a.agentNumber}</td>
              <td>{t(`role.${a.role}`)}</td>
              <td>
                <span class={`presence-dot ${a.presence}`} aria-hidden="true" /> <span class="presence-text">{t(`presence.${a.presence}`)}</span>
              </td>
              <td>
                <span class={`load${a.activeChats >= a.maxChats ? ' is-full' : ''}`}>{t('team.load', { active: a.activeChats, max: a.maxChats })}</span>
              </td>
              <td>
                {[...a.skills, ...a.groups].map((s) => (
                  <Chip key={s} kind="tag">
                    {s}
                  </Chip>
                ))}
              </td>
              <td class="muted">{when(a.presenceSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
