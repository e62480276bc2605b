import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../session';
import { usePasswordChangeCheck } from '../account';
import { SignOutDialog } from './SignOutDialog';

/** In the header: who is signed in, and sign-out. */
export function SessionMenu() {
  const { t } = useTranslation('signIn');
  const identity = useSession((s) => s.identity);
  const phase = useSession((s) => s.phase);
  const { t: ta } = useTranslation('account');
  const { t: tadmin } = useTranslation('users');
  const { t: ttpl } = useTranslation('templates');
  const [open, setOpen] = useState(false);
  // A user on a one-time password is sent to the change-password form.
  usePasswordChangeCheck();
  if (!identity || phase === 'signed-out') return null;
  return (
    <div className="session-menu" role="group" aria-label={t('menu.label')}>
      <span data-testid="signed-in-user">
        {t('signedInAs', { name: identity.user.name || identity.user.email })}
      </span>
      <Link to="/account">{ta('link')}</Link>
      <Link to="/templates" data-testid="templates-link">
        {ttpl('page.title')}
      </Link>
      {identity.user.role === 'admin' && <Link to="/admin/users">{tadmin('link')}</Link>}
      <button type="button" onClick={() => setOpen(true)}>
        {t('menu.signOut')}
      </button>
      {open && <SignOutDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
