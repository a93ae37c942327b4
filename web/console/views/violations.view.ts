import { h, replaceChildren } from '../../shared/dom';
import { api } from '../api';
import { t, tOr } from '../i18n';
import { when } from '../format';
import type { ViolationLedger } from '../types';
import { chip, reason } from './ui';

type AgentRef = ViolationLedger['byAgent'][number]['agent'];

function agentName(a: AgentRef | undefined): string {
  if (!a) return '';
  if (typeof a === 'string') return a;
  return [a.name, a.agentNumber].filter(Boolean).join(' · ');
}

/** 违规记录: per agent (count, fines, who reached three) and the latest violations. */
export class ViolationsView {
  readonly el = h('section', { class: 'panel' });

  async load(): Promise<void> {
    let ledger: ViolationLedger;
    try {
      ledger = await api.violations();
    } catch (err) {
      replaceChildren(this.el, h('h2', { text: t('violationsTitle') }), h('p', { class: 'muted', text: t('loadFailed', { error: reason(err) }) }));
      return;
    }
    const byAgent = [...(ledger.byAgent ?? [])].sort((a, b) => Number(!!b.dismissal) - Number(!!a.dismissal) || Number(b.reachedThree) - Number(a.reachedThree) || b.count - a.count);
    const items = ledger.items ?? [];
    replaceChildren(
      this.el,
      h('h2', { text: t('violationsTitle') }),
      h('p', { class: 'muted', text: t('violationsHint') }),
      byAgent.length
        ? h(
            'table',
            { class: 'table ledger' },
            h('thead', {}, h('tr', {}, ...[t('agent'), t('count'), t('fines'), ''].map((x) => h('th', { text: x })))),
            h(
              'tbody',
              {},
              ...byAgent.map((r) =>
                h(
                  'tr',
                  { class: r.reachedThree || r.dismissal ? 'is-alert' : '' },
                  h('td', { text: agentName(r.agent) }),
                  h('td', { class: 'num', text: String(r.count) }),
                  h('td', { class: 'num', text: t('yuan', { n: r.fines }) }),
                  h('td', {}, r.reachedThree ? chip(t('reachedThree'), 'danger') : null, r.dismissal ? chip(t('dismissal'), 'danger') : null),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted', text: t('noViolations') }),
      items.length
        ? h(
            'table',
            { class: 'table ledger-items' },
            h('thead', {}, h('tr', {}, ...[t('time'), t('agent'), t('phrase'), t('category'), t('fine'), t('text')].map((x) => h('th', { text: x })))),
            h(
              'tbody',
              {},
              ...items.slice(0, 200).map((v) =>
                h(
                  'tr',
                  {},
                  h('td', { text: when(v.at ?? v.createdAt) }),
                  h('td', { text: agentName(v.agent) }),
                  h('td', { class: 'phrase-cell' }, v.phrase ?? '', v.dismissal ? chip(t('dismissal'), 'danger') : null),
                  h('td', { text: v.category ? tOr(`category_${v.category}`, v.category) : '' }),
                  h('td', { class: 'num', text: v.fine !== undefined ? t('yuan', { n: v.fine }) : '' }),
                  h('td', { class: 'excerpt', text: v.text ?? '' }),
                ),
              ),
            ),
          )
        : null,
    );
  }
}
