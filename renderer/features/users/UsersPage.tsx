import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser, CreateUserResponse } from '../../../shared/model/api';
import type { Role } from '../../../shared/model/entities';
import { useSession } from '../../session';
import { adminApi, type CallError } from '../account';
import { useConfirm } from '../../ui/Dialog';
import { adminErrorKey } from './i18n';

const ROLES: Role[] = ['tam', 'manager', 'admin'];

/** An error with, for user_has_customers, the customers to reassign first. */
function ErrorBox({ error }: { error: CallError }) {
  const { t } = useTranslation('users');
  return (
    <div role="alert" className="form-error" data-testid="admin-error">
      <p>{t(`errors.${adminErrorKey(error.code)}`, { message: error.message })}</p>
      {error.customers && error.customers.length > 0 && (
        <ul data-testid="blocking-customers">
          {error.customers.map((c) => (
            <li key={c.id}>
              {c.nameJa} ({c.nameLatin})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (created: CreateUserResponse) => void }) {
  const { t } = useTranslation('users');
  const ids = { email: useId(), name: useId(), role: useId(), team: useId(), locale: useId() };
  const [form, setForm] = useState({
    email: '',
    name: '',
    role: 'tam' as Role,
    team: '',
    locale: 'ja' as 'ja' | 'en',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [missing, setMissing] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.email.trim() || !form.name.trim() || !form.team.trim()) return setMissing(true);
    setMissing(false);
    setBusy(true);
    const result = await adminApi.createUser({ ...form, email: form.email.trim() });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setForm({ email: '', name: '', role: 'tam', team: '', locale: 'ja' });
    onCreated(result.value);
  };

  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="create-user-title"
      data-testid="create-user-form"
    >
      <h3 id="create-user-title">{t('create.title')}</h3>
      <div className="field">
        <label htmlFor={ids.email}>{t('users.email')}</label>
        <input
          id={ids.email}
          type="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.name}>{t('users.name')}</label>
        <input id={ids.name} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={ids.role}>{t('users.role')}</label>
        <select
          id={ids.role}
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.team}>{t('users.team')}</label>
        <input id={ids.team} value={form.team} onChange={(e) => setForm({ ...form, team: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={ids.locale}>{t('users.locale')}</label>
        <select
          id={ids.locale}
          value={form.locale}
          onChange={(e) => setForm({ ...form, locale: e.target.value as 'ja' | 'en' })}
        >
          <option value="ja">{t('locales.ja')}</option>
          <option value="en">{t('locales.en')}</option>
        </select>
      </div>
      {missing && (
        <p role="alert" className="form-error">
          {t('create.missing')}
        </p>
      )}
      {error && <ErrorBox error={error} />}
      <button type="submit" disabled={busy}>
        {busy ? t('create.submitting') : t('create.submit')}
      </button>
    </form>
  );
}

/** Shown once after creating a user: the one-time password to hand over. */
function CreatedNotice({ created, onClose }: { created: CreateUserResponse; onClose: () => void }) {
  const { t } = useTranslation('users');
  const [copied, setCopied] = useState(false);
  return (
    <section role="status" aria-labelledby="created-title" data-testid="user-created">
      <h3 id="created-title">{t('create.createdTitle')}</h3>
      <p>{t('create.created', { name: created.user.name, email: created.user.email })}</p>
      <p>
        {t('create.oneTimePassword')}: <code data-testid="one-time-password">{created.oneTimePassword}</code>{' '}
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(created.oneTimePassword).then(() => setCopied(true));
          }}
        >
          {t('create.copy')}
        </button>
        {copied && <span className="muted"> {t('create.copied')}</span>}
      </p>
      <button type="button" onClick={onClose}>
        {t('create.close')}
      </button>
    </section>
  );
}

function UserRow({
  user,
  onSaved,
  onError,
}: {
  user: AdminUser;
  onSaved: (user: AdminUser, note: string) => void;
  onError: (e: CallError) => void;
}) {
  const { t } = useTranslation('users');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ name: user.name, role: user.role, team: user.team });
  const [busy, setBusy] = useState(false);
  const [confirm, confirmDialog] = useConfirm();

  const save = async (patch: Parameters<typeof adminApi.updateUser>[1], note: string) => {
    setBusy(true);
    const result = await adminApi.updateUser(user.id, patch);
    setBusy(false);
    if (!result.ok) return onError(result.error);
    setEditing(false);
    onSaved(result.value.user, note);
  };

  return (
    <tr data-testid="user-row" data-email={user.email}>
      <td>
        {editing ? (
          <input
            aria-label={t('users.name')}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        ) : (
          user.name
        )}
      </td>
      <td>{user.email}</td>
      <td>
        {editing ? (
          <select
            aria-label={t('users.role')}
            value={draft.role}
            onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`roles.${user.role}`)
        )}
      </td>
      <td>
        {editing ? (
          <input
            aria-label={t('users.team')}
            value={draft.team}
            onChange={(e) => setDraft({ ...draft, team: e.target.value })}
          />
        ) : (
          user.team
        )}
      </td>
      <td>
        {user.active ? t('users.active') : t('users.inactive')}
        {user.active && user.mustChangePassword && (
          <span className="muted"> ({t('users.pendingPassword')})</span>
        )}
      </td>
      <td>
        {editing ? (
          <>
            <button type="button" disabled={busy} onClick={() => void save(draft, t('users.saved'))}>
              {t('users.save')}
            </button>{' '}
            <button type="button" onClick={() => setEditing(false)}>
              {t('users.cancel')}
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => setEditing(true)}>
              {t('users.edit')}
            </button>{' '}
            {user.active ? (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void confirm({
                    title: t('users.deactivate'),
                    message: t('users.confirmDeactivate', { name: user.name }),
                    confirmLabel: t('users.deactivate'),
                    danger: true,
                  }).then((ok) => {
                    if (ok) void save({ active: false }, t('users.deactivated', { name: user.name }));
                  })
                }
              >
                {t('users.deactivate')}
              </button>
            ) : (
              <button
                type="button"
                disabled={busy}
                onClick={() => void save({ active: true }, t('users.reactivated', { name: user.name }))}
              >
                {t('users.reactivate')}
              </button>
            )}
          </>
        )}
        {confirmDialog}
      </td>
    </tr>
  );
}

/** Admins: list, create (one-time password shown once), edit and deactivate users. Online only. */
export function UsersPage() {
  const { t } = useTranslation('users');
  const role = useSession((s) => s.identity?.user.role);
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateUserResponse | null>(null);

  const load = useCallback(async () => {
    const result = await adminApi.users();
    if (result.ok) {
      setUsers(result.value.users);
      setError(null);
    } else setError(result.error);
  }, []);

  useEffect(() => {
    if (role === 'admin') void load();
  }, [role, load]);

  if (role !== 'admin') {
    return (
      <section aria-labelledby="users-title">
        <h2 id="users-title">{t('users.title')}</h2>
        <p role="alert">{t('errors.admin_only')}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="users-title" className="admin-users">
      <h2 id="users-title">{t('users.title')}</h2>
      <p className="muted">{t('users.intro')}</p>
      {error && <ErrorBox error={error} />}
      {notice && (
        <p role="status" className="muted" data-testid="admin-notice">
          {notice}
        </p>
      )}
      {created && <CreatedNotice created={created} onClose={() => setCreated(null)} />}
      {users === null ? (
        !error && <p className="muted">{t('users.loading')}</p>
      ) : (
        <table data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.team')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow
                key={`${u.id}:${u.name}:${u.role}:${u.team}:${u.active}`}
                user={u}
                onError={(e) => {
                  setNotice(null);
                  setError(e);
                }}
                onSaved={(saved, note) => {
                  setError(null);
                  setNotice(note);
                  setUsers((list) => list?.map((x) => (x.id === saved.id ? saved : x)) ?? null);
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" onClick={() => void load()}>
          {t('users.reload')}
        </button>
      </p>
      <CreateUserForm
        onCreated={(c) => {
          setCreated(c);
          setNotice(null);
          setUsers((list) => (list ? [...list, c.user] : list));
        }}
      />
    </section>
  );
}
