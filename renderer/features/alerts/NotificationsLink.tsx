// The navigation's link to the notifications centre, with the unread count.
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { unreadCount } from '../../../shared/alerts/inbox';
import { useReplicaQuery } from '../../replica';

export function NotificationsLink() {
  const { t } = useTranslation('alerts');
  const count = useReplicaQuery(async (db) => unreadCount(await db.alerts.toArray()), []) ?? 0;
  return (
    <NavLink
      to="/alerts"
      className="notifications-link"
      aria-label={count > 0 ? t('navUnread', { count }) : t('nav')}
      data-testid="notifications-link"
    >
      {t('nav')}
      {count > 0 && (
        <span className="badge" data-testid="unread-count">
          {count}
        </span>
      )}
    </NavLink>
  );
}
