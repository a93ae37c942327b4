import { useEffect } from 'preact/hooks';
import { ApiError } from '../../shared/http';
import { api, whenSignedOut } from '../api';
import { adoptUserLocale, t } from '../i18n';
import { route } from '../router';
import { pageFor } from '../pages';
import { me } from '../state/session';
import { startLive, stopLive } from '../state/live';
import { titleWith } from '../state/notify';
import { LoginPage } from './login-page';
import { TopBar } from './top-bar';
import { Toasts } from './toasts';
import { DialogHost } from './ui';
import { LazyPage } from './lazy-page';
import { Workspace } from '../pages/workspace/workspace';

whenSignedOut(() => {
  if (!me.value) return;
  stopLive();
  me.value = null;
});

/** The signed-in console: the top bar and the page the hash names (the workspace by default). */
function SignedIn() {
  const user = me.value!;
  useEffect(() => {
    startLive();
    return stopLive;
  }, [user.id]);
  const page = route.value.page === 'inbox' ? undefined : pageFor(route.value.page, user.role);
  return (
    <div class="console">
      <TopBar />
      <main class="main">{page ? <LazyPage key={page.id} def={page} params={route.value.params} /> : <Workspace />}</main>
    </div>
  );
}

/** The console: sign-in page or the signed-in console, toasts and dialogs above both. */
export function App() {
  useEffect(() => {
    api
      .me()
      .then(({ user }) => {
        adoptUserLocale(user.locale);
        me.value = user;
      })
      .catch((err: unknown) => {
        if (!(err instanceof ApiError) || err.status !== 401) console.warn('kefu console: /auth/me failed', err);
        me.value = null;
      });
  }, []);
  useEffect(() => {
    document.title = titleWith(t('app.name'));
  });
  return (
    <>
      {me.value === undefined ? <div class="boot muted">{t('app.loading')}</div> : me.value ? <SignedIn /> : <LoginPage />}
      <Toasts />
      <DialogHost />
    </>
  );
}
