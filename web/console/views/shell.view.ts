import { h, icon, replaceChildren } from '../../shared/dom';
import { api } from '../api';
import { t } from '../i18n';
import type { Notifier } from '../notifier';
import type { Presence, User } from '../types';
import { localeSwitch } from './locale-switch';
import { failed } from './ui';

const BELL = 'M12 22c1.1 0 2-.9 2-2h-4a2 2 0 0 0 2 2zm6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4a1.5 1.5 0 0 0-3 0v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z';
const SLASH = 'M3.3 2.3 2 3.6l18.4 18.4 1.3-1.3z';

/** What the top bar needs from the app. */
export interface ShellContext {
  me(): User;
  setMe(user: User): void;
  notifier: Notifier;
  page(): 'inbox' | 'manage';
  onLocale(): void;
  onLogout(): void;
}

/** The top bar: brand, pages, connection state, sound, presence (在线/离开/离线), language, user, sign-out. */
export class Shell {
  readonly el = h('header', { class: 'topbar' });
  private online = true;

  constructor(private readonly ctx: ShellContext) {}

  /** Shows whether the realtime connection is up. */
  setConnected(up: boolean): void {
    this.online = up;
    this.render();
  }

  render(): void {
    const me = this.ctx.me();
    const page = this.ctx.page();
    const presence = h(
      'select',
      {
        class: `presence-select ${me.presence}`,
        'aria-label': t('presenceLabel'),
        on: {
          change: async () => {
            try {
              const { user } = await api.setPresence(presence.value as Presence);
              this.ctx.setMe(user);
            } catch (err) {
              failed(err);
            }
            this.render();
          },
        },
      },
      ...(['online', 'away', 'offline'] as Presence[]).map((p) => h('option', { value: p, selected: p === me.presence, text: t(`presence_${p}`) })),
    );
    const muted = this.ctx.notifier.isMuted;
    replaceChildren(
      this.el,
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', text: '客' }), h('span', { text: t('appName') })),
      h(
        'nav',
        { class: 'nav' },
        h('a', { href: '#/inbox', class: page === 'inbox' ? 'is-active' : '', text: t('navInbox') }),
        me.role !== 'agent' ? h('a', { href: '#/manage', class: page === 'manage' ? 'is-active' : '', text: t('navManage') }) : null,
      ),
      h(
        'div',
        { class: 'topbar-right' },
        this.online ? null : h('span', { class: 'link-down', role: 'status', text: t('reconnecting') }),
        h(
          'button',
          {
            type: 'button',
            class: `icon-btn sound${muted ? ' is-muted' : ''}`,
            title: muted ? t('soundOff') : t('soundOn'),
            'aria-label': muted ? t('soundOff') : t('soundOn'),
            'aria-pressed': String(!muted),
            on: {
              click: () => {
                this.ctx.notifier.setMuted(!muted);
                this.render();
              },
            },
          },
          icon(muted ? [BELL, SLASH] : [BELL]),
        ),
        h('span', { class: `presence-dot ${me.presence}`, 'aria-hidden': 'true' }),
        presence,
        localeSwitch(() => this.ctx.onLocale()),
        h('span', { class: 'user', text: `${me.name} · ${me.agentNumber}` }),
        h('button', { type: 'button', class: 'btn small', text: t('logout'), on: { click: () => this.ctx.onLogout() } }),
      ),
    );
  }
}
