// Record a finding of a health check: area, finding, severity, recommendation, status.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FindingSeveritySchema, FindingStatusSchema } from '../../../shared/model/entities';
import type { Finding, HealthCheck } from '../../../shared/model/entities';
import { newId } from '../../../shared/sync/ids';
import { mutate } from '../../replica';
import { OutcomeMessage, type Outcome } from '../../ui/common';
import { is } from '../../shortcuts/registry';
import { errorText } from '../../i18n/describe-error';

export function RecordFindingForm({
  check,
  onDone,
}: {
  check: HealthCheck;
  onDone: (recorded: boolean) => void;
}) {
  const { t } = useTranslation(['healthChecks', 'glossary']);
  const ids = {
    area: useId(),
    finding: useId(),
    severity: useId(),
    recommendation: useId(),
    status: useId(),
  };
  const [area, setArea] = useState('');
  const [finding, setFinding] = useState('');
  const [severity, setSeverity] = useState<Finding['severity']>('medium');
  const [recommendation, setRecommendation] = useState('');
  const [status, setStatus] = useState<Finding['status']>('open');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await mutate('healthCheck.recordFinding', {
      healthCheckId: check.id,
      findingId: newId(),
      area,
      finding,
      severity,
      recommendation,
      status,
    });
    setBusy(false);
    if (result.ok) onDone(true);
    else
      setOutcome({
        ok: false,
        text: t('error', { message: errorText(result.error) }),
        detail: result.error.message,
      });
  };

  return (
    <form
      className="ws-form"
      onSubmit={(e) => void onSubmit(e)}
      aria-label={t('finding.formLabel')}
      onKeyDown={(e) => {
        if (is(e, 'cancel')) onDone(false); // not while an IME is composing
      }}
    >
      <div className="ws-field">
        <label htmlFor={ids.area}>{t('finding.area')}</label>
        <input
          ref={first}
          id={ids.area}
          value={area}
          onChange={(e) => setArea(e.target.value)}
          required
          maxLength={200}
        />
      </div>
      <div className="ws-field">
        <label htmlFor={ids.finding}>{t('finding.finding')}</label>
        <textarea
          id={ids.finding}
          value={finding}
          onChange={(e) => setFinding(e.target.value)}
          required
          rows={2}
          maxLength={5000}
        />
      </div>
      <div className="ws-row">
        <div className="ws-field">
          <label htmlFor={ids.severity}>{t('finding.severity')}</label>
          <select
            id={ids.severity}
            value={severity}
            onChange={(e) => setSeverity(e.target.value as Finding['severity'])}
          >
            {FindingSeveritySchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`glossary:findingSeverity.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="ws-field">
          <label htmlFor={ids.status}>{t('finding.status')}</label>
          <select
            id={ids.status}
            value={status}
            onChange={(e) => setStatus(e.target.value as Finding['status'])}
          >
            {FindingStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`glossary:findingStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="ws-field">
        <label htmlFor={ids.recommendation}>{t('finding.recommendation')}</label>
        <textarea
          id={ids.recommendation}
          value={recommendation}
          onChange={(e) => setRecommendation(e.target.value)}
          required
          rows={2}
          maxLength={5000}
        />
      </div>
      <OutcomeMessage outcome={outcome} />
      <div className="ws-actions">
        <button type="submit" disabled={busy}>
          {t('finding.submit')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('finding.cancel')}
        </button>
      </div>
    </form>
  );
}
