import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { href, route } from '../router';
import { PAGES } from '../pages';
import { me } from '../state/session';
import { stopLive } from '../state/live';
import { connected } from '../state/realtime';
import { askDesktopPermission, desktopPermission, failed, muted, setMuted } from '../state/notify';
import { LocaleSelect } from './locale-select';
import { Icon } from './icon';
import type { Presence } from '../../../src/http/contract/enums';

function PresenceSelect() {
  const user = me.value!;
  const change = async (presence: Presence) => {
    try {
      me.value = (await api.setPresence(presence)).user;
    } catch (err) {
      failed(err);
    }
  };
  return (
    <span class="presence">
      <span class={`presence-dot ${user.presence}`} aria-hidden="true" />
      <select class={`presence-select ${user.presence}`} aria-label={t('presence.label')} value={user.presence} onChange={(ev) => void change((ev.currentTarget as HTMLSelectElement).value as Presence)}>
        {(['online', 'away', 'offline'] as const).map((p) => (
          <option key={p} value={p}>
            {t(`presence.${p}`)}
          </option>
        ))}
      </select>
    </span>
  );
}

async function signOut(): Promise<void> {
  try {
    await api.logout();
  } catch (err) {
    failed(err);
    return;
  }
  stopLive();
  me.value = null;
}

/**
 * The top bar: brand, pages (by role), connection state, desktop notifications, sound, presence
 * (在线/离开/离线), language, the user (to their account page) and sign-out. On a phone the pages
 * and settings fold into a menu; presence stays in sight.
 */
export function TopBar() {
  const user = me.value!;
  const [menu, setMenu] = useState(false);
  const page = route.value.page;
  const links = [{ id: 'inbox', label: 'nav.inbox' }, ...PAGES.filter((p) => p.nav && p.roles.includes(user.role))];
  const permission = desktopPermission.value;
  return (
    <header class={`topbar${menu ? ' menu-open' : ''}`}>
      <a class="brand" href="#/">
        <span class="brand-mark">{t('app.mark')}</span>
        <span class="brand-name">{t('app.name')}</span>
      </a>
      <button type="button" class="icon-btn menu-toggle" aria-expanded={menu} aria-label={t('nav.menu')} onClick={() => setMenu(!menu)}>
        <Icon name="menu" />
      </button>
      <nav class="nav" onClick={() => setMenu(false)}>
        {links.map((l) => (
          <a key={l.id} href={href(l.id)} class={page === l.id ? 'is-active' : ''}>
            {t(l.label)}
          </a>
        ))}
      </nav>
      <div class="topbar-right">
        {connected.value ? null : (
          <span class="link-down" role="status">
            {t('app.reconnecting')}
          </span>
        )}
        <PresenceSelect />
        <div class="topbar-settings">
          {permission === 'default' ? (
            <button type="button" class="btn small desktop-toggle" onClick={() => void askDesktopPermission()}>
              {t('notify.enableDesktop')}
            </button>
          ) : null}
          <button
            type="button"
            class={`icon-btn sound${muted.value ? ' is-muted' : ''}`}
            title={muted.value ? t('notify.soundOff') : t('notify.soundOn')}
            aria-label={muted.value ? t('notify.soundOff') : t('notify.soundOn')}
            aria-pressed={!muted.value}
            onClick={() => setMuted(!muted.value)}
          >
            <Icon name={muted.value ? 'bellOff' : 'bell'} />
          </button>
          <LocaleSelect />
          <a class="user" href={href('account')} title={t('nav.account')}>
            {user.name} · {user.agentNumber}
          </a>
          <button type="button" class="btn small logout" onClick={() => void signOut()}>
            {t('login.signOut')}
          </button>
        </div>
      </div>
    </header>
  );
}
