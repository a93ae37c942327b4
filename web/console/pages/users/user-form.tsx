import { useState } from 'preact/hooks';
import { ApiError } from '../../../shared/http';
import type { ConsoleUser, UserCreate } from '../../../../src/http/contract';
import { LOCALES, ROLES, type Locale, type Role } from '../../../../src/http/contract/enums';
import { api } from '../../api';
import { t } from '../../i18n';
import { failed } from '../../state/notify';
import { Button, Field } from '../../components/ui';
import { TextInput } from '../../components/text-field';

const list = (s: string) => s.split(/[,，、\s]+/).map((x) => x.trim()).filter(Boolean);

/** Field errors of a 400 answer, by field name. */
function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const details = Array.isArray(err.details) ? (err.details as { field?: string; message?: string }[]) : [];
  return Object.fromEntries(details.filter((d) => d.field).map((d) => [d.field!, d.message ?? err.message]));
}

/**
 * Create or edit a console user: name, agent number, e-mail, role, max concurrent chats, skills
 * and groups (for routing), console language. A new user without a password gets a generated one,
 * shown once.
 */
export function UserForm({ user, onSaved, onCancel }: { user?: ConsoleUser; onSaved(saved: ConsoleUser, password?: string): void; onCancel(): void }) {
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [agentNumber, setAgentNumber] = useState(user?.agentNumber ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const [maxChats, setMaxChats] = useState(user?.maxChats ? String(user.maxChats) : '');
  const [skills, setSkills] = useState((user?.skills ?? []).join(', '));
  const [groups, setGroups] = useState((user?.groups ?? []).join(', '));
  const [locale, setLocale] = useState<Locale | ''>(user?.locale ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    setErrors({});
    const common = { name, email, role, skills: list(skills), groups: list(groups), ...(agentNumber.trim() ? { agentNumber: agentNumber.trim() } : {}) };
    try {
      if (user) {
        const { user: saved } = await api.updateUser(user.id, { ...common, maxChats: maxChats ? Number(maxChats) : null, locale: locale || null });
        onSaved(saved);
      } else {
        const body: UserCreate = { ...common, ...(maxChats ? { maxChats: Number(maxChats) } : {}), ...(locale ? { locale } : {}), ...(password ? { password } : {}) };
        const created = await api.createUser(body);
        onSaved(created.user, created.password);
      }
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors(byField);
      if (!Object.keys(byField).length) failed(err);
    } finally {
      setBusy(false);
    }
  };
  const error = (field: string) => (errors[field] ? <span class="field-error">{errors[field]}</span> : null);
  return (
    <form class="card user-form" onSubmit={submit}>
      <h2>{user ? t('users.edit', { name: user.name }) : t('users.new')}</h2>
      <div class="field-row">
        <Field label={t('users.name')}>
          <TextInput name="name" required maxLength={100} value={name} onValue={(v) => setName(v)} />
          {error('name')}
        </Field>
        <Field label={t('users.agentNumber')} hint={user ? undefined : t('users.agentNumberHint')}>
          <TextInput name="agentNumber" maxLength={8} pattern="\w{1,8}" value={agentNumber} onValue={(v) => setAgentNumber(v)} />
          {error('agentNumber')}
        </Field>
      </div>
      <Field label={t('users.email')}>
        <TextInput name="email" type="email" required maxLength={200} value={email} onValue={(v) => setEmail(v)} />
        {error('email')}
      </Field>
      <div class="field-row">
        <Field label={t('users.role')}>
          <select name="role" value={role} onChange={(ev) => setRole((ev.currentTarget as HTMLSelectElement).value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </Field>
        <Field label={t('users.maxChats')} hint={t('users.maxChatsHint')}>
          <input name="maxChats" type="number" min="1" max="50" step="1" value={maxChats} onInput={(ev) => setMaxChats((ev.currentTarget as HTMLInputElement).value)} />
          {error('maxChats')}
        </Field>
        <Field label={t('users.locale')}>
          <select name="locale" value={locale} onChange={(ev) => setLocale((ev.currentTarget as HTMLSelectElement).value as Locale | '')}>
            <option value="">{t('users.localeBrowser')}</option>
            {LOCALES.map((l) => <option key={l} value={l}>{t(`locale.${l}`)}</option>)}
          </select>
        </Field>
      </div>
      <Field label={t('users.skills')} hint={t('users.listHint')}>
        <TextInput name="skills" value={skills} onValue={(v) => setSkills(v)} />
        {error('skills')}
      </Field>
      <Field label={t('users.groups')} hint={t('users.listHint')}>
        <TextInput name="groups" value={groups} onValue={(v) => setGroups(v)} />
      </Field>
      {user ? null : (
        <Field label={t('users.password')} hint={t('users.passwordHint')}>
          <TextInput name="password" type="password" autoComplete="new-password" minLength={10} value={password} onValue={(v) => setPassword(v)} />
          {error('password')}
        </Field>
      )}
      <div class="form-actions">
        <Button kind="primary" type="submit" disabled={busy}>
          {user ? t('action.save') : t('users.create')}
        </Button>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
      </div>
    </form>
  );
}
