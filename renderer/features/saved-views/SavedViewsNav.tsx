// The "Saved views" group of the navigation: the user's views by name; each opens the
// Incidents list with its filter (the link of the view open now is marked current).
import { useId } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../ui/common';
import { incidentsPath } from '../incidents';
import { useSavedViews } from './data';
import './saved-views.css';

export function SavedViewsNav() {
  const { t } = useTranslation('savedViews');
  const locale = useLocale();
  const headingId = useId();
  const views = useSavedViews(locale);
  const { pathname, search } = useLocation();
  const openId = pathname === '/incidents' ? new URLSearchParams(search).get('view') : null;
  if (views === undefined) return null;
  return (
    <section className="app-nav-views" aria-labelledby={headingId} data-testid="saved-views-nav">
      <h2 id={headingId}>{t('navTitle')}</h2>
      {views.length === 0 ? (
        <p className="muted ws-small">{t('navEmpty')}</p>
      ) : (
        <ul>
          {views.map((v) => {
            const current = v.id === openId;
            return (
              <li key={v.id}>
                <Link
                  to={incidentsPath(v.filter, v.id)}
                  className={current ? 'active' : undefined}
                  aria-current={current ? 'page' : undefined}
                  title={t('navLabel', { name: v.name })}
                  data-testid="saved-view-link"
                >
                  {v.name}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
