// The findings of a health check as a checklist: area, finding, severity, recommendation,
// and a status the TAM updates as the customer follows the recommendation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FindingStatusSchema } from '../../../shared/model/entities';
import type { Finding, HealthCheck } from '../../../shared/model/entities';
import { mutate } from '../../replica';
import { OutcomeMessage, type Outcome } from '../../ui/common';
import { errorText } from '../../i18n/describe-error';

export function FindingsChecklist({ check }: { check: HealthCheck }) {
  const { t } = useTranslation(['healthChecks', 'glossary']);
  const [outcome, setOutcome] = useState<Outcome>(null);
  if (check.findings.length === 0) return <p className="muted">{t('finding.none')}</p>;

  const setStatus = async (f: Finding, status: Finding['status']) => {
    const result = await mutate('healthCheck.recordFinding', {
      healthCheckId: check.id,
      findingId: f.id,
      area: f.area,
      finding: f.finding,
      severity: f.severity,
      recommendation: f.recommendation,
      status,
    });
    setOutcome(
      result.ok
        ? { ok: true, text: t('finding.statusSaved', { area: f.area }) }
        : { ok: false, text: t('error', { message: errorText(result.error) }), detail: result.error.message },
    );
  };

  return (
    <>
      <table className="ws-table" data-testid="findings">
        <caption className="visually-hidden">{t('finding.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('finding.area')}</th>
            <th scope="col">{t('finding.finding')}</th>
            <th scope="col">{t('finding.severity')}</th>
            <th scope="col">{t('finding.recommendation')}</th>
            <th scope="col">{t('finding.status')}</th>
          </tr>
        </thead>
        <tbody>
          {check.findings.map((f) => (
            <tr key={f.id}>
              <th scope="row">{f.area}</th>
              <td>{f.finding}</td>
              <td>
                <span className={`ws-badge ws-finding-${f.severity}`}>
                  {t(`glossary:findingSeverity.${f.severity}`)}
                </span>
              </td>
              <td>{f.recommendation}</td>
              <td>
                <select
                  aria-label={t('finding.statusOf', { area: f.area })}
                  value={f.status}
                  disabled={check.status === 'cancelled'}
                  onChange={(e) => void setStatus(f, e.target.value as Finding['status'])}
                >
                  {FindingStatusSchema.options.map((s) => (
                    <option key={s} value={s}>
                      {t(`glossary:findingStatus.${s}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <OutcomeMessage outcome={outcome} />
    </>
  );
}
