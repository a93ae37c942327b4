import { useState } from 'preact/hooks';
import { ApiError } from '../../../shared/http';
import { api } from '../../api';
import { t } from '../../i18n';
import { failed, toast } from '../../state/notify';
import { me } from '../../state/session';
import { Button, Field } from '../../components/ui';
import { TextInput } from '../../components/text-field';

/** 我的账户: who I am, and a new password (the current one must be right; my other sessions end). */
export default function AccountPage() {
  const user = me.value!;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setError('');
    if (next !== repeat) return setError(t('account.mismatch'));
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      toast(t('account.changed'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setError(err.message);
      else failed(err);
    }
  };
  return (
    <div class="page account">
      <h1>{t('account.title')}</h1>
      <dl class="facts card">
        <dt>{t('users.name')}</dt>
        <dd>{user.name}</dd>
        <dt>{t('users.agentNumber')}</dt>
        <dd>{user.agentNumber}</dd>
        <dt>{t('users.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('users.role')}</dt>
        <dd>{t(`role.${user.role}`)}</dd>
      </dl>
      <form class="card password-form" onSubmit={submit}>
        <h2>{t('account.changePassword')}</h2>
        <Field label={t('account.current')}>
          <TextInput name="currentPassword" type="password" autoComplete="current-password" required value={current} onValue={(v) => setCurrent(v)} />
        </Field>
        <Field label={t('account.new')} hint={t('users.passwordRule')}>
          <TextInput name="newPassword" type="password" autoComplete="new-password" minLength={10} required value={next} onValue={(v) => setNext(v)} />
        </Field>
        <Field label={t('account.repeat')}>
          <TextInput name="repeatPassword" type="password" autoComplete="new-password" minLength={10} required value={repeat} onValue={(v) => setRepeat(v)} />
        </Field>
        {error ? (
          <p class="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <Button kind="primary" type="submit">
          {t('account.save')}
        </Button>
      </form>
    </div>
  );
}
