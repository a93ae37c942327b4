import { h } from '../../shared/dom';
import { ApiError } from '../../shared/http';
import { api } from '../api';
import { t, locale } from '../i18n';
import type { User } from '../types';
import { field } from './ui';
import { localeSwitch } from './locale-switch';

function lockMessage(err: ApiError): string {
  const details = (err.details ?? {}) as { lockedUntil?: string; retryAfterSeconds?: number };
  const until = details.lockedUntil ? new Date(details.lockedUntil) : details.retryAfterSeconds ? new Date(Date.now() + details.retryAfterSeconds * 1000) : undefined;
  if (until && !Number.isNaN(until.getTime())) {
    return t('lockedUntil', { time: until.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' }) });
  }
  return t('locked');
}

/** The sign-in page: email and password; tells a wrong password from a locked account (423). */
export function loginView(onSignedIn: (user: User) => void, onLocale: () => void): HTMLElement {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn primary wide', text: t('signIn') });
  const form = h(
    'form',
    {
      class: 'login-card',
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          error.hidden = true;
          submit.disabled = true;
          submit.textContent = t('signingIn');
          try {
            const { user } = await api.login(email.value.trim(), password.value);
            onSignedIn(user);
          } catch (err) {
            const e = err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err));
            error.textContent = e.status === 423 ? lockMessage(e) : e.status === 401 || e.status === 400 ? t('wrongPassword') : e.isNetwork ? t('networkError') : e.message;
            error.hidden = false;
            password.value = '';
            password.focus();
          } finally {
            submit.disabled = false;
            submit.textContent = t('signIn');
          }
        },
      },
    },
    h('div', { class: 'login-brand' }, h('div', { class: 'brand-mark', text: '客' }), h('h1', { text: t('signInTitle') })),
    field(t('email'), email),
    field(t('password'), password),
    error,
    submit,
    h('div', { class: 'login-foot' }, localeSwitch(onLocale)),
  );
  return h('main', { class: 'login-page' }, form);
}
