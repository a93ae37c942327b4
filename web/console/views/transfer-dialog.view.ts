import { h } from '../../shared/dom';
import { api } from '../api';
import { t, tOr } from '../i18n';
import type { AgentSummary } from '../types';
import { failed, modal } from './ui';

/** Asks which agent to transfer to (others than me, online first); resolves to their id or undefined. */
export async function pickTransferTarget(meId: string): Promise<string | undefined> {
  let agents: AgentSummary[];
  try {
    agents = (await api.agents()).filter((a) => a.id !== meId);
  } catch (err) {
    failed(err);
    return undefined;
  }
  const rank = { online: 0, away: 1, offline: 2 } as const;
  agents.sort((a, b) => (rank[a.presence] ?? 3) - (rank[b.presence] ?? 3) || a.activeChats - b.activeChats);
  return modal<string>(t('transferTitle'), (done) => [
    agents.length
      ? h(
          'ul',
          { class: 'agent-list' },
          ...agents.map((a) =>
            h(
              'li',
              {},
              h(
                'button',
                { type: 'button', class: 'agent-option', 'data-agent': a.id, on: { click: () => done(a.id) } },
                h('span', { class: `presence-dot ${a.presence}`, 'aria-hidden': 'true' }),
                h('strong', { text: `${a.name}（${a.agentNumber}）` }),
                h('span', { class: 'muted', text: tOr(`presence_${a.presence}`, a.presence) }),
                h('span', { class: 'load', text: t('chatsLoad', { active: a.activeChats, max: a.maxChats }) }),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted', text: t('transferNone') }),
    h('div', { class: 'modal-actions' }, h('button', { type: 'button', class: 'btn', text: t('cancel'), on: { click: () => done(undefined) } })),
  ]);
}
