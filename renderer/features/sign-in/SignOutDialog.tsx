import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { getSessionManager } from '../../session';
import { usePendingCount } from '../../replica/hooks';
import { is } from '../../shortcuts/registry';

/** Sign-out: offers to delete the replica, and warns when changes have not been sent. */
export function SignOutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('signIn');
  const navigate = useNavigate();
  const unsent = usePendingCount() ?? 0;
  const [wipe, setWipe] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), wipe: useId(), hint: useId() };
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (is(e, 'cancel')) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const confirm = async () => {
    setBusy(true);
    await getSessionManager().signOut({ wipe });
    onClose();
    void navigate('/sign-in');
  };

  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby={ids.title} className="dialog" data-testid="sign-out-dialog">
        <h2 id={ids.title}>{t('signOut.title')}</h2>
        <p>{t('signOut.intro')}</p>
        <div className="field-inline">
          <input ref={first} id={ids.wipe} type="checkbox" checked={wipe} onChange={(e) => setWipe(e.target.checked)} aria-describedby={ids.hint} />
          <label htmlFor={ids.wipe}>{t('signOut.wipe')}</label>
        </div>
        <p id={ids.hint} className="muted">
          {t('signOut.wipeHint')}
        </p>
        {unsent > 0 && (
          <p role="alert" className={wipe ? 'warn strong' : 'warn'} data-testid="unsent-warning">
            {t('signOut.unsent', { count: unsent })}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => void confirm()} disabled={busy}>
            {t('signOut.confirm')}
          </button>
          <button type="button" onClick={onClose} disabled={busy}>
            {t('signOut.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
