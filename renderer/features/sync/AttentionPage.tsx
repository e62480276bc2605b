import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isMutationName, type MutationName } from '../../../shared/mutations';
import type { AttentionItem } from '../../replica';
import { mutate, useNeedsAttention, useReplica } from '../../replica';
import { formatDateTime } from '../../session/format';
import { errorText } from '../../i18n/describe-error';
import { ErrorDetails } from '../../layout/ErrorDetails';

/** The incident a rejected change was about, for a link. */
function incidentOf(item: AttentionItem): string | null {
  const direct = item.rows.find((r) => r.entity === 'incident');
  if (direct) return direct.id;
  const args = item.args as { incidentId?: unknown } | null;
  return typeof args?.incidentId === 'string' ? args.incidentId : null;
}

/** The changes the server rejected: why, what was entered, redo or dismiss. */
export function AttentionPage() {
  const { t, i18n } = useTranslation('sync');
  const db = useReplica();
  const items = useNeedsAttention();
  const [feedback, setFeedback] = useState<Record<number, string>>({});

  if (!db || !items) return null;

  const retry = async (item: AttentionItem) => {
    if (!isMutationName(item.name)) return;
    const result = await mutate(item.name as MutationName, item.args as never);
    if (result.ok) {
      await db.attention.delete(item.id);
      setFeedback((f) => ({ ...f, [item.id]: t('attention.retried') }));
    } else {
      setFeedback((f) => ({
        ...f,
        [item.id]: t('attention.retryFailed', { message: errorText(result.error) }),
      }));
    }
  };

  return (
    <section aria-labelledby="attention-title">
      <h2 id="attention-title">{t('attention.title')}</h2>
      <p>{t('attention.intro')}</p>
      {Object.values(feedback).length > 0 && (
        <p role="status" className="muted">
          {Object.values(feedback).at(-1)}
        </p>
      )}
      {items.length === 0 ? (
        <p data-testid="attention-empty">{t('attention.empty')}</p>
      ) : (
        <ul className="attention-list" data-testid="attention-list">
          {items.map((item) => {
            const incidentId = incidentOf(item);
            return (
              <li key={item.id} className="attention-item" data-testid="attention-item">
                <h3>{t(`mutations.${item.name}`, { defaultValue: item.name })}</h3>
                <p className="muted">
                  {t('attention.madeAt', { time: formatDateTime(item.madeAt, i18n.language) })},{' '}
                  {t('attention.rejectedAt', { time: formatDateTime(item.rejectedAt, i18n.language) })}
                </p>
                <dl>
                  <dt>{t('attention.reason')}</dt>
                  <dd>
                    <span data-testid="attention-reason">{errorText(item.error)}</span>
                    <ErrorDetails message={item.error.message} />
                  </dd>
                </dl>
                <details>
                  <summary>{t('attention.details')}</summary>
                  <pre>{JSON.stringify(item.args, null, 2)}</pre>
                </details>
                <div className="actions">
                  {incidentId && <Link to={`/incidents/${incidentId}`}>{t('attention.open')}</Link>}
                  <button type="button" onClick={() => void retry(item)}>
                    {t('attention.retry')}
                  </button>
                  <button type="button" onClick={() => void db.attention.delete(item.id)}>
                    {t('attention.dismiss')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
