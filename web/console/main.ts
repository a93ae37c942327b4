import { replaceChildren } from '../shared/dom';
import { ApiError } from '../shared/http';
import { api, SIGNED_OUT_EVENT } from './api';
import { ConsoleApp } from './app';
import { locale, setLocale, t } from './i18n';
import type { User } from './types';
import { loginView } from './views/login.view';

/** Boots the console: the signed-in app when the session cookie is valid, else the sign-in page. */
function boot(): void {
  const root = document.getElementById('app');
  if (!root) return;
  setLocale(locale());
  let app: ConsoleApp | undefined;

  const showLogin = () => {
    app?.stop();
    app = undefined;
    document.title = t('appName');
    replaceChildren(root, loginView(showApp, showLogin));
  };
  window.addEventListener(SIGNED_OUT_EVENT, () => app && showLogin());
  function showApp(user: User): void {
    app?.stop();
    app = new ConsoleApp(root!, user, { signedOut: showLogin, relocalise: (current) => showApp(current) });
    void app.start();
  }

  api
    .me()
    .then(({ user }) => showApp(user))
    .catch((err: unknown) => {
      if (!(err instanceof ApiError) || err.status !== 401) console.warn('kefu console: /auth/me failed', err);
      showLogin();
    });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();
