// The error page of an area (the router's errorElement, instead of react-router's developer
// page): says what happened in the user's language, keeps the app's frame and navigation,
// offers a reload and "copy details" for support, and writes the error to the app's log.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useLocation, useNavigate, useRouteError } from 'react-router';
import { getBridge } from '../../bridge';

/** The text support needs: where, what, and the stack (no user data is collected here). */
export function errorDetails(error: unknown, where: string, now: Date = new Date()): string {
  const lines = [`TAM Workstation error report`, `time: ${now.toISOString()}`, `view: ${where}`];
  if (typeof navigator !== 'undefined') lines.push(`agent: ${navigator.userAgent}`);
  if (isRouteErrorResponse(error)) {
    lines.push(`route error: ${error.status} ${error.statusText}`);
  } else if (error instanceof Error) {
    lines.push(`error: ${error.name}: ${error.message}`);
    if (error.stack) lines.push(error.stack.split('\n').slice(0, 25).join('\n'));
  } else {
    lines.push(`error: ${String(error)}`);
  }
  return lines.join('\n');
}

export function AreaError() {
  const { t } = useTranslation('desktop');
  const error = useRouteError();
  const location = useLocation();
  const navigate = useNavigate();
  const where = location.pathname;
  const details = useMemo(() => errorDetails(error, where), [error, where]);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    void getBridge()
      .log({ level: 'error', message: `view ${where} failed: ${what}`.slice(0, 8000) })
      .catch(() => undefined);
  }, [error, where]);

  const copyDetails = async () => {
    try {
      await navigator.clipboard.writeText(details);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section role="alert" className="area-error" data-testid="area-error">
      <h2>{t('error.title')}</h2>
      <p>{t('error.body')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </button>
        <button type="button" onClick={() => void copyDetails()}>
          {t('error.copy')}
        </button>
        {where !== '/today' && (
          <button type="button" onClick={() => void navigate('/today')}>
            {t('error.today')}
          </button>
        )}
      </div>
      <p aria-live="polite" className="muted">
        {copy === 'copied' ? t('error.copied') : copy === 'failed' ? t('error.copyFailed') : ''}
      </p>
      <details>
        <summary>{t('error.details')}</summary>
        <pre className="area-error-details">{details}</pre>
      </details>
    </section>
  );
}
