// Shown instead of figures while the closed incidents of a first sync are still arriving:
// a count made now would be too low (charts, portfolio, reports, exports).
import { useTranslation } from 'react-i18next';

export function HistoryArriving({ percent }: { percent: number }) {
  const { t } = useTranslation('manager');
  return (
    <p role="status" aria-busy="true" data-testid="history-arriving" data-percent={percent}>
      {t('history.arriving', { percent })}
    </p>
  );
}
