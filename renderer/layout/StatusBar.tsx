import { useTranslation } from 'react-i18next';
import { useOnline } from './use-online';

export function StatusBar() {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <footer className="status-bar" role="status" aria-label={t('status.label')}>
      <span className={online ? 'status-dot online' : 'status-dot offline'} aria-hidden="true" />
      <span data-testid="connection-state">{online ? t('status.online') : t('status.offline')}</span>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <span data-testid="sync-state">{t('status.syncIdle')}</span>
    </footer>
  );
}
