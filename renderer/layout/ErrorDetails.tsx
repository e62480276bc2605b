// The server's own (English) message of an error, folded under "Show details": the main text
// is always the translated one (errorText), so the same thing is never said twice.
import { useTranslation } from 'react-i18next';

export function ErrorDetails({ message }: { message: string | null | undefined }) {
  const { t } = useTranslation('errors');
  if (!message) return null;
  return (
    <details className="error-details" data-testid="error-details">
      <summary>{t('showDetails')}</summary>
      <p>
        <span className="muted">{t('serverMessage')}: </span>
        <span lang="en">{message}</span>
      </p>
    </details>
  );
}
