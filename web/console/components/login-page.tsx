import { useState } from 'preact/hooks';
import { ApiError } from '../../shared/http';
import { api } from '../api';
import { adoptUserLocale, lang, t } from '../i18n';
import { me } from '../state/session';
import { askDesktopPermission } from '../state/notify';
import { LocaleSelect } from './locale-select';
import { TextInput } from './text-field';
import { Field } from './ui';

function lockMessage(err: ApiError): string {
  const until = (err.details as { lockedUntil?: string } | undefined)?.lockedUntil;
  const at = until ? new Date(until) : undefined;
  if (at && !Number.isNaN(at.getTime())) return t('login.lockedUntil', { time: at.toLocaleTimeString(lang.value, { hour: '2-digit', minute: '2-digit' }) });
  return t('login.locked');
}

/** The sign-in page: e-mail and password; tells a wrong password from a locked account (423). */
export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setError('');
    setBusy(true);
    // The click is the gesture browsers want before asking for desktop notifications.
    void askDesktopPermission();
    try {
      const { user } = await api.login(email.trim(), password);
      adoptUserLocale(user.locale);
      me.value = user;
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err));
      setError(e.status === 423 ? lockMessage(e) : e.status === 401 || e.status === 400 ? t('login.wrong') : e.isNetwork ? t('error.network') : e.message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login-page">
      <form class="login-card" onSubmit={submit}>
        <div class="login-brand">
          <div class="brand-mark">{t('app.mark')}</div>
          <h1>{t('login.title')}</h1>
        </div>
        <Field label={t('login.email')}>
          <TextInput type="email" name="email" autoComplete="username" required autoFocus value={email} onValue={(v) => setEmail(v)} />
        </Field>
        <Field label={t('login.password')}>
          <TextInput type="password" name="password" autoComplete="current-password" required value={password} onValue={(v) => setPassword(v)} />
        </Field>
        {error ? (
          <div class="form-error" role="alert">
            {error}
          </div>
        ) : null}
        <button type="submit" class="btn primary wide" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
        <div class="login-foot">
          <LocaleSelect />
        </div>
      </form>
    </main>
  );
}
