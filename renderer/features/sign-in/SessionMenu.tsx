import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';
import { SignOutDialog } from './SignOutDialog';

/** In the header: who is signed in, and sign-out. */
export function SessionMenu() {
  const { t } = useTranslation('signIn');
  const identity = useSession((s) => s.identity);
  const phase = useSession((s) => s.phase);
  const [open, setOpen] = useState(false);
  if (!identity || phase === 'signed-out') return null;
  return (
    <div className="session-menu" role="group" aria-label={t('menu.label')}>
      <span data-testid="signed-in-user">{t('signedInAs', { name: identity.user.name || identity.user.email })}</span>
      <button type="button" onClick={() => setOpen(true)}>
        {t('menu.signOut')}
      </button>
      {open && <SignOutDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
