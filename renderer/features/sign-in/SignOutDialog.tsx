import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { getSessionManager } from '../../session';
import { usePendingCount } from '../../replica';
import { Dialog } from '../../ui/Dialog';

/**
 * Sign-out. With every change sent, the offline data is deleted by default (customers' data
 * does not stay readable on the laptop). With unsent changes it says how many, keeps the
 * data by default, and offers to sync first and sign out once they have reached the server.
 */
export function SignOutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('signIn');
  const navigate = useNavigate();
  const pending = usePendingCount();
  const unsent = pending ?? 0;
  // null: the default, which follows the unsent count once it is known.
  const [wipeChoice, setWipeChoice] = useState<boolean | null>(null);
  const wipe = wipeChoice ?? (pending !== undefined && unsent === 0);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const ids = { wipe: useId(), hint: useId() };

  const confirm = useCallback(
    async (wipeNow: boolean) => {
      setBusy(true);
      await getSessionManager().signOut({ wipe: wipeNow });
      onClose();
      void navigate('/sign-in');
    },
    [onClose, navigate],
  );

  // Waiting for the sync: sign out (deleting the data) as soon as the outbox is empty.
  useEffect(() => {
    // Once: confirm sets busy. (The choice cannot change while waiting: the box is disabled.)
    if (waiting && !busy && pending === 0) void confirm(wipeChoice ?? true);
  }, [waiting, busy, pending, confirm, wipeChoice]);

  const waitForSync = () => {
    setWaiting(true);
    getSessionManager().syncNow();
  };

  return (
    // A native modal dialog (ui/Dialog): the focus stays inside, Esc cancels (not while signing out).
    <Dialog open onClose={() => !busy && onClose()} title={t('signOut.title')} testId="sign-out-dialog">
      <p>{t('signOut.intro')}</p>
      <div className="field-inline">
        <input
          id={ids.wipe}
          type="checkbox"
          checked={wipe}
          onChange={(e) => setWipeChoice(e.target.checked)}
          aria-describedby={ids.hint}
          disabled={waiting}
        />
        <label htmlFor={ids.wipe}>{t('signOut.wipe')}</label>
      </div>
      <p id={ids.hint} className="muted">
        {t('signOut.wipeHint')}
      </p>
      {unsent > 0 && !waiting && (
        <p role="alert" className={wipe ? 'warn strong' : 'warn'} data-testid="unsent-warning">
          {t('signOut.unsent', { count: unsent })}
        </p>
      )}
      {waiting && (
        <p role="status" data-testid="waiting-for-sync">
          {t('signOut.waiting', { count: unsent })}
        </p>
      )}
      <div className="ui-dialog-actions">
        {unsent > 0 && !waiting && (
          <button
            type="button"
            className="ui-primary"
            onClick={waitForSync}
            disabled={busy}
            data-testid="wait-for-sync"
          >
            {t('signOut.waitForSync')}
          </button>
        )}
        {waiting ? (
          <button type="button" onClick={() => setWaiting(false)} disabled={busy}>
            {t('signOut.stopWaiting')}
          </button>
        ) : (
          <button
            type="button"
            className={unsent > 0 ? undefined : 'ui-primary'}
            onClick={() => void confirm(wipe)}
            disabled={busy}
          >
            {t('signOut.confirm')}
          </button>
        )}
        <button type="button" onClick={onClose} disabled={busy}>
          {t('signOut.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
