import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordProblem } from '../../../shared/model/password-policy';
import { accountApi } from './api';
import { accountErrorKey } from './i18n';

/** Current password, the new one twice; the shared policy is checked before sending. */
export function ChangePasswordForm({ email, onChanged }: { email: string; onChanged?: () => void }) {
  const { t } = useTranslation('account');
  const ids = { current: useId(), next: useId(), confirm: useId(), hint: useId() };
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!current || !next || !confirm) return setMessage({ kind: 'error', text: t('password.missing') });
    if (next !== confirm) return setMessage({ kind: 'error', text: t('password.mismatch') });
    const problem = passwordProblem(next, email, current);
    if (problem) return setMessage({ kind: 'error', text: t(`errors.${problem}`) });
    setBusy(true);
    setMessage(null);
    const result = await accountApi.changePassword(current, next);
    setBusy(false);
    if (!result.ok) {
      setMessage({
        kind: 'error',
        text: t(`errors.${accountErrorKey(result.error.code)}`, { message: result.error.message }),
      });
      return;
    }
    setCurrent('');
    setNext('');
    setConfirm('');
    setMessage({ kind: 'done', text: t('password.done', { count: result.value.revokedSessions }) });
    onChanged?.();
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="change-password-form">
      <div className="field">
        <label htmlFor={ids.current}>{t('password.current')}</label>
        <input
          id={ids.current}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.next}>{t('password.next')}</label>
        <input
          id={ids.next}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-describedby={ids.hint}
        />
        <small id={ids.hint} className="muted">
          {t('password.hint')}
        </small>
      </div>
      <div className="field">
        <label htmlFor={ids.confirm}>{t('password.confirm')}</label>
        <input
          id={ids.confirm}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </div>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={message.kind === 'error' ? 'form-error' : 'muted'}
          data-testid="change-password-message"
        >
          {message.text}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('password.submitting') : t('password.submit')}
      </button>
    </form>
  );
}
