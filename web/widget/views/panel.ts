import { h, replaceChildren } from '../../shared/dom';
import type { Translate } from '../i18n';
import { widgetIcon } from './icons';

/** The chat window: header (who serves the customer), a notice line, the scrolling body, the composer. */
export interface Panel {
  el: HTMLElement;
  body: HTMLElement;
  footer: HTMLElement;
  setSubtitle(text: string): void;
  /** The agent's initial in the header once a human serves the chat; the headset otherwise. */
  setAvatar(initial: string | undefined): void;
  setBanner(text: string | undefined): void;
}

/** Builds the panel; `onClose` minimises it back to the launcher. */
export function createPanel(t: Translate, onClose: () => void): Panel {
  const subtitle = h('div', { class: 'kf-subtitle', 'aria-live': 'polite' });
  const avatar = h('div', { class: 'kf-avatar', 'aria-hidden': 'true' }, widgetIcon('headset'));
  const banner = h('div', { class: 'kf-banner', role: 'status', hidden: true });
  const body = h('div', { class: 'kf-body' });
  const footer = h('div');
  const el = h(
    'section',
    { class: 'kf-panel', role: 'dialog', 'aria-label': t('title'), hidden: true },
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
  return {
    el,
    body,
    footer,
    setSubtitle: (text) => (subtitle.textContent = text),
    setAvatar: (initial) => replaceChildren(avatar, initial ?? widgetIcon('headset')),
    setBanner(text) {
      banner.hidden = !text;
      banner.textContent = text ?? '';
    },
  };
}
