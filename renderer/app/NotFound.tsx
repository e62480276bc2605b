import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h2>{t('notFound.title')}</h2>
      <Link to="/today">{t('notFound.back')}</Link>
    </section>
  );
}
