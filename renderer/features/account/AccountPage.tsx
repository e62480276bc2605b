import { useTranslation } from 'react-i18next';
import { getSessionManager, useSession } from '../../session';
import { AttachmentSettings } from '../attachments';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SessionsList } from './SessionsList';
import { usePasswordGate } from './password-gate';
import { SignatureSettings } from '../templates';

/**
 * Change password, sessions and this computer's settings (the attachment size limit); the first
 * stop after signing in with a one-time password.
 */
export function AccountPage() {
  const { t } = useTranslation('account');
  const identity = useSession((s) => s.identity);
  const required = usePasswordGate((s) => s.required);
  if (!identity) return null;
  const changed = () => {
    if (!required) return;
    usePasswordGate.getState().set(false);
    // Sync was refused until now: start at once.
    getSessionManager().syncNow();
  };
  return (
    <section aria-labelledby="account-title" className="account">
      <h2 id="account-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <section aria-labelledby="password-title">
        <h3 id="password-title">{t('password.title')}</h3>
        {required && (
          <p role="alert" className="form-error" data-testid="password-change-required">
            {t('password.required')}
          </p>
        )}
        <ChangePasswordForm email={identity.user.email} onChanged={changed} />
      </section>
      {!required && <SessionsList />}
      {!required && <SignatureSettings userId={identity.user.id} />}
      {!required && <AttachmentSettings />}
    </section>
  );
}
