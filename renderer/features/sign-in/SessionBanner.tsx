import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../../session';
import { useOnline } from '../../layout/use-online';

function RevokedNotice() {
  const { t } = useTranslation('signIn');
  return (
    <div className="session-banner bad" role="alert" data-testid="session-revoked">
      {t('banner.revoked')}
    </div>
  );
}

/** Above the content: not signed in, or the session ended (work continues offline). */
export function SessionBanner() {
  const { t } = useTranslation('signIn');
  const phase = useSession((s) => s.phase);
  const needsSignIn = useSession((s) => s.needsSignIn);
  const error = useSession((s) => s.error);
  const revoked = useSession((s) => s.revoked);
  const online = useOnline();
  const { pathname, search } = useLocation();
  if (pathname === '/sign-in') return revoked ? <RevokedNotice /> : null;
  if (phase === 'signed-out') {
    return (
      <div className="session-banner" role="region" aria-label={t('menu.label')}>
        {revoked && (
          <p role="alert" data-testid="session-revoked">
            {t('banner.revoked')}
          </p>
        )}
        <span>{t('banner.signedOut')}</span>{' '}
        <Link to="/sign-in" state={{ from: `${pathname}${search}` }}>
          {t('banner.signIn')}
        </Link>
      </div>
    );
  }
  if (phase === 'failed' && (error?.code === 'replica-locked' || error?.code === 'replica-key-unavailable')) {
    // The replica's key did not fit or could not be had: signing in again asks for it again.
    return (
      <div className="session-banner bad" role="alert" data-testid="replica-locked">
        <span>
          {error.code === 'replica-locked' ? t('banner.replicaLocked') : t('banner.replicaKeyUnavailable')}
        </span>{' '}
        <Link to="/sign-in" state={{ from: `${pathname}${search}` }} data-testid="sign-in-again">
          {t('banner.signInAgain')}
        </Link>
      </div>
    );
  }
  if (phase === 'failed') {
    return (
      <div className="session-banner bad" role="alert">
        {t('banner.failed', { message: error?.message ?? '' })}
      </div>
    );
  }
  if (phase === 'active' && needsSignIn) {
    return (
      <div className="session-banner" role="region" aria-label={t('menu.label')}>
        <span>{online ? t('banner.needsSignIn') : t('banner.needsSignInOffline')}</span>{' '}
        <Link to="/sign-in" state={{ from: `${pathname}${search}` }} data-testid="sign-in-again">
          {t('banner.signInAgain')}
        </Link>
      </div>
    );
  }
  return null;
}
