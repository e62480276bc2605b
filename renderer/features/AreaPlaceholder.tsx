import { useTranslation } from 'react-i18next';
import type { AreaKey } from '../app/areas';

// Shown for an area whose view has not been built yet, so navigation is complete now.
export function AreaPlaceholder({ area }: { area: AreaKey }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="area-title">
      <h2 id="area-title">{t(`areas.${area}.title`)}</h2>
      <p>{t(`areas.${area}.intro`)}</p>
      <p className="muted">{t('areas.notYetAvailable')}</p>
    </section>
  );
}
