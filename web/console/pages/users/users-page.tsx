import { useEffect, useState } from 'preact/hooks';
import type { ConsoleUser } from '../../../../src/http/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { go } from '../../router';
import { when } from '../../format';
import { failed, reason, toast } from '../../state/notify';
import { me } from '../../state/session';
import { Button, Chip, confirmDialog, openDialog } from '../../components/ui';
import { UserForm } from './user-form';
import { UserAudit } from './user-audit';

/** A generated password, shown once for the admin to hand over. */
function showPassword(user: ConsoleUser, password: string): Promise<unknown> {
  return openDialog((close) => (
    <div class="modal" role="dialog" aria-modal="true">
      <h3>{t('users.passwordTitle', { name: user.name })}</h3>
      <p>{t('users.passwordOnce')}</p>
      <p class="password-once mono">{password}</p>
      <div class="modal-actions">
        <Button kind="primary" onClick={() => close()}>
          {t('action.done')}
        </Button>
      </div>
    </div>
  ));
}

/** 用户管理 (admins): agents, managers and admins; create, edit, disable, reset passwords; each user's audit trail. */
export default function UsersPage({ params }: { params: string[] }) {
  const [users, setUsers] = useState<ConsoleUser[] | undefined>(undefined);
  const [showDisabled, setShowDisabled] = useState(false);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState('');
  const selected = params[0];
  useEffect(() => {
    api.users(showDisabled).then(
      (r) => setUsers(r.items),
      (err: unknown) => setError(reason(err)),
    );
  }, [showDisabled, version]);
  const changed = () => setVersion(version + 1);
  const editing = selected && selected !== 'new' ? users?.find((u) => u.id === selected) : undefined;
  const setActive = async (u: ConsoleUser, active: boolean) => {
    if (!active && !(await confirmDialog(t('users.confirmDisable', { name: u.name }), t('users.disable'), true))) return;
    try {
      await api.updateUser(u.id, { active });
      toast(active ? t('users.enabled', { name: u.name }) : t('users.disabled', { name: u.name }));
      changed();
    } catch (err) {
      failed(err);
    }
  };
  const reset = async (u: ConsoleUser) => {
    if (!(await confirmDialog(t('users.confirmReset', { name: u.name }), t('users.resetPassword'), true))) return;
    try {
      const { password } = await api.resetPassword(u.id);
      changed();
      if (password) await showPassword(u, password);
    } catch (err) {
      failed(err);
    }
  };
  return (
    <div class="page users">
      <div class="page-head">
        <h1>{t('users.title')}</h1>
        <Button kind="primary" class="new-user" onClick={() => go('users', 'new')}>
          {t('users.new')}
        </Button>
      </div>
      {error ? <p class="form-error">{error}</p> : null}
      {selected === 'new' || editing ? (
        <UserForm
          key={selected}
          user={editing}
          onCancel={() => go('users')}
          onSaved={async (saved, password) => {
            toast(t('users.saved', { name: saved.name }));
            changed();
            go('users', saved.id);
            if (password) await showPassword(saved, password);
          }}
        />
      ) : null}
      {editing ? (
        <section class="card">
          <h2>{t('users.audit')}</h2>
          <UserAudit userId={editing.id} version={version} />
        </section>
      ) : null}
      <label class="check">
        <input type="checkbox" checked={showDisabled} onChange={(ev) => setShowDisabled((ev.currentTarget as HTMLInputElement).checked)} /> {t('users.showDisabled')}
      </label>
      <table class="table users-table">
        <thead>
          <tr>
            <th>{t('users.agentNumber')}</th>
            <th>{t('users.name')}</th>
            <th>{t('users.email')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.maxChats')}</th>
            <th>{t('users.skills')}</th>
            <th>{t('users.lastLogin')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((u) => (
            <tr key={u.id} data-email={u.email} class={u.active ? '' : 'is-disabled'}>
              <td class="mono">{u.agentNumber}</td>
              <td>
                <a href={`#/users/${u.id}`}>{u.name}</a> {u.active ? null : <Chip kind="muted">{t('users.inactive')}</Chip>}
              </td>
              <td>{u.email}</td>
              <td>{t(`role.${u.role}`)}</td>
              <td>{u.maxChats ?? t('users.default')}</td>
              <td>{[...u.skills, ...u.groups].map((s) => <Chip key={s} kind="tag">{s}</Chip>)}</td>
              <td class="muted">{when(u.lastLoginAt)}</td>
              <td class="row-actions">
                <Button small onClick={() => go('users', u.id)}>{t('action.edit')}</Button>
                <Button small onClick={() => void reset(u)}>{t('users.resetPassword')}</Button>
                {u.id === me.value?.id ? null : u.active ? (
                  <Button small kind="danger" onClick={() => void setActive(u, false)}>{t('users.disable')}</Button>
                ) : (
                  <Button small onClick={() => void setActive(u, true)}>{t('users.enable')}</Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
