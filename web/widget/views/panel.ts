import { h, replaceChildren } from '../../shared/dom';
import type { ConversationState } from '../../shared/contract';
import type { Translate } from '../i18n';
import { widgetIcon } from './icons';

/** The chat window: header (who serves the customer), a notice line, the scrolling body, the composer. */
export interface Panel {
  el: HTMLElement;
  body: HTMLElement;
  footer: HTMLElement;
  /** Who serves the chat, in the header: the bot, the queue, the agent (name, number, initial), or the end. */
  setServer(state: ConversationState): void;
  setBanner(text: string | undefined): void;
}

/** Builds the panel; `onClose` (the minimise button, Escape) minimises it back to the launcher. */
export function createPanel(t: Translate, onClose: () => void): Panel {
  const subtitle = h('div', { class: 'kf-subtitle', 'aria-live': 'polite' });
  const avatar = h('div', { class: 'kf-avatar', 'aria-hidden': 'true' }, widgetIcon('headset'));
  const banner = h('div', { class: 'kf-banner', role: 'status', hidden: true });
  const body = h('div', { class: 'kf-body' });
  const footer = h('div');
  const el = h(
    'section',
    { class: 'kf-panel', role: 'dialog', 'aria-label': t('title'), tabindex: '-1', hidden: true },
    h(
      'header',
      { class: 'kf-header' },
      avatar,
      h('div', { class: 'kf-heading' }, h('h2', { class: 'kf-title', text: t('title') }), subtitle),
      h('button', { type: 'button', class: 'kf-icon-btn', 'aria-label': t('closeChat'), title: t('closeChat'), on: { click: onClose } }, widgetIcon('minimise')),
    ),
    banner,
    body,
    footer,
  );
  el.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    ev.preventDefault();
    onClose();
  });
  return {
    el,
    body,
    footer,
    setServer({ status, agent, queuePosition }) {
      const serving = status === 'assigned' && agent;
      if (status === 'closed') subtitle.textContent = t('subtitleClosed');
      else if (serving) subtitle.textContent = t('subtitleAgent', { name: agent.name, number: agent.number });
      else if (status === 'waiting' || status === 'assigned') subtitle.textContent = queuePosition ? t('subtitleQueue', { n: queuePosition }) : t('subtitleWaiting');
      else subtitle.textContent = t('subtitleBot');
      const initial = serving ? Array.from(agent.name)[0] : undefined;
      if (avatar.dataset.initial !== (initial ?? '')) {
        avatar.dataset.initial = initial ?? '';
        replaceChildren(avatar, initial ?? widgetIcon('headset'));
      }
    },
    setBanner(text) {
      banner.hidden = !text;
      banner.textContent = text ?? '';
    },
  };
}
