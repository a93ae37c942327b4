import { h } from '../../shared/dom';
import type { Translate } from '../i18n';
import { widgetIcon } from './icons';

/** The round button that opens the chat, with its unread badge. */
export interface Launcher {
  el: HTMLButtonElement;
  setUnread(n: number): void;
}

/** Builds the launcher bubble. */
export function createLauncher(t: Translate, onOpen: () => void): Launcher {
  const badge = h('span', { class: 'kf-badge', hidden: true, 'aria-hidden': 'true' });
  const el = h('button', { type: 'button', class: 'kf-launcher', 'aria-label': t('openChat'), title: t('openChat'), on: { click: onOpen } }, widgetIcon('chat'), badge);
  return {
    el,
    setUnread(n) {
      badge.hidden = n <= 0;
      badge.textContent = n > 99 ? '99+' : String(n);
      el.setAttribute('aria-label', n > 0 ? `${t('openChat')} — ${t('unread', { n })}` : t('openChat'));
    },
  };
}
