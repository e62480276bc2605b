import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/model/api';
import { formatDateTime } from '../../session/format';
import { accountApi, type CallError } from './api';
import { accountErrorKey } from './i18n';

/** The user's sessions: where, since when, last used; sign out one, or every other one. */
export function SessionsList() {
  const { t, i18n } = useTranslation('account');
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await accountApi.sessions();
    if (result.ok) {
      setSessions(result.value.sessions);
      setError(null);
    } else {
      setError(result.error);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const errorText = (e: CallError) => t(`errors.${accountErrorKey(e.code)}`, { message: e.message });

  const revoke = async (id: string) => {
    setBusy(true);
    const result = await accountApi.revokeSession(id);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setNotice(t('sessions.revoked'));
    await load();
  };

  const everywhere = async () => {
    setBusy(true);
    const result = await accountApi.revokeOtherSessions();
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setNotice(t('sessions.everywhereDone', { count: result.value.revokedSessions }));
    await load();
  };

  const when = (iso: string) => formatDateTime(iso, i18n.language);

  return (
    <section aria-labelledby="sessions-title" data-testid="sessions">
      <h3 id="sessions-title">{t('sessions.title')}</h3>
      <p className="muted">{t('sessions.intro')}</p>
      {error && (
        <p role="alert" className="form-error">
          {error.code === 'network' ? t('sessions.offline') : errorText(error)}
        </p>
      )}
      {notice && (
        <p role="status" className="muted" data-testid="sessions-notice">
          {notice}
        </p>
      )}
      {sessions === null ? (
        !error && <p className="muted">{t('sessions.loading')}</p>
      ) : sessions.length === 0 ? (
        <p>{t('sessions.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('sessions.created')}</th>
              <th scope="col">{t('sessions.lastUsed')}</th>
              <th scope="col">{t('sessions.address')}</th>
              <th scope="col">{t('sessions.device')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} data-testid="session-row" data-current={s.current}>
                <td>{when(s.createdAt)}</td>
                <td>{when(s.lastUsedAt)}</td>
                <td>{s.address ?? t('sessions.unknown')}</td>
                <td>{s.userAgent ?? t('sessions.unknown')}</td>
                <td>
                  {s.current ? (
                    <strong>{t('sessions.current')}</strong>
                  ) : (
                    <button type="button" disabled={busy} onClick={() => void revoke(s.id)}>
                      {t('sessions.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button
          type="button"
          disabled={busy}
          onClick={() => void everywhere()}
          aria-describedby="sessions-everywhere-hint"
          data-testid="sign-out-everywhere"
        >
          {t('sessions.everywhere')}
        </button>{' '}
        <button type="button" disabled={busy} onClick={() => void load()}>
          {t('sessions.reload')}
        </button>
      </p>
      <p id="sessions-everywhere-hint" className="muted">
        {t('sessions.everywhereHint')}
      </p>
    </section>
  );
}
