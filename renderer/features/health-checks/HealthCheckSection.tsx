// A customer's health checks: schedule one, move a scheduled one, its window, the
// checklist of findings and recommendations, recording a finding, completing it.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, HealthCheck } from '../../../shared/model/entities';
import { formatDateTime, formatLocalDate } from '../../format/datetime';
import { mutate, useHealthChecks } from '../../replica';
import {
  Heading,
  Loading,
  OutcomeMessage,
  useLocale,
  type HeadingLevel,
  type Outcome,
} from '../../ui/common';
import { FindingsChecklist } from './FindingsChecklist';
import { RecordFindingForm } from './RecordFindingForm';
import { dayWindow, sortHealthChecks } from './schedule-model';
import { ScheduleForm } from './ScheduleForm';
import { WindowTimes } from './WindowTimes';
import { errorText } from '../../i18n/describe-error';
import { HealthCheckInvitationActions } from '../invitations';

export function HealthCheckSection({
  customer,
  headingLevel,
}: {
  customer: Customer;
  headingLevel: HeadingLevel;
}) {
  const { t } = useTranslation(['healthChecks', 'glossary']);
  const locale = useLocale();
  const checks = useHealthChecks({ customerId: customer.id });
  const [scheduling, setScheduling] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  if (checks === undefined) return <Loading />;
  const sorted = sortHealthChecks(checks);
  return (
    <div data-testid="health-check-section">
      {sorted.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        sorted.map((c) => (
          <HealthCheckItem
            key={c.id}
            check={c}
            checks={checks}
            customer={customer}
            headingLevel={headingLevel}
          />
        ))
      )}
      <OutcomeMessage outcome={outcome} testId="health-check-section-message" />
      {scheduling ? (
        <ScheduleForm
          customer={customer}
          checks={checks}
          headingLevel={headingLevel}
          onDone={(date) => {
            setScheduling(false);
            setOutcome(
              date
                ? { ok: true, text: t('schedule.scheduled', { date: formatLocalDate(date, locale) }) }
                : null,
            );
            setTimeout(() => openButton.current?.focus(), 0);
          }}
        />
      ) : (
        <button
          type="button"
          ref={openButton}
          onClick={() => {
            setOutcome(null);
            setScheduling(true);
          }}
          data-testid="schedule-health-check"
        >
          {t('schedule.open')}
        </button>
      )}
    </div>
  );
}

type Panel = 'move' | 'finding' | null;

function HealthCheckItem({
  check,
  checks,
  customer,
  headingLevel,
}: {
  check: HealthCheck;
  checks: readonly HealthCheck[];
  customer: Customer;
  headingLevel: HeadingLevel;
}) {
  const { t } = useTranslation(['healthChecks', 'glossary']);
  const locale = useLocale();
  const [panel, setPanel] = useState<Panel>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const window = dayWindow(customer.calendar, check.scheduledDate);
  const titleId = `health-check-${check.id}`;
  const sub = Math.min(headingLevel + 1, 6) as HeadingLevel;

  const complete = async () => {
    const result = await mutate('healthCheck.complete', { healthCheckId: check.id });
    setOutcome(
      result.ok
        ? { ok: true, text: t('complete.done') }
        : { ok: false, text: t('error', { message: errorText(result.error) }), detail: result.error.message },
    );
  };

  return (
    <article
      className="ws-card"
      aria-labelledby={titleId}
      data-testid="health-check"
      data-status={check.status}
      data-date={check.scheduledDate}
    >
      <Heading level={headingLevel} id={titleId} className="ws-card-title">
        {t('item.title', { date: formatLocalDate(check.scheduledDate, locale) })}{' '}
        <span className={`ws-badge ws-hc-${check.status}`}>
          {t(`glossary:healthCheckStatus.${check.status}`)}
        </span>
      </Heading>
      <dl className="ws-dl ws-dl-compact">
        <dt>{t('item.agreedOn')}</dt>
        <dd>{formatLocalDate(check.agreedOn, locale)}</dd>
        {check.completedAt && (
          <>
            <dt>{t('item.completedAt')}</dt>
            <dd>{formatDateTime(check.completedAt, customer.calendar.timeZone, locale)}</dd>
          </>
        )}
      </dl>
      {window && check.status === 'scheduled' && (
        <>
          <WindowTimes window={window} customerZone={customer.calendar.timeZone} />
          <HealthCheckInvitationActions check={check} customer={customer} window={window} />
        </>
      )}
      <Heading level={sub}>{t('item.findings', { n: check.findings.length })}</Heading>
      <FindingsChecklist check={check} />
      <OutcomeMessage outcome={outcome} />
      {panel === 'move' && (
        <ScheduleForm
          customer={customer}
          checks={checks}
          rescheduling={check}
          headingLevel={sub}
          onDone={(date) => {
            setPanel(null);
            setOutcome(
              date ? { ok: true, text: t('schedule.moved', { date: formatLocalDate(date, locale) }) } : null,
            );
          }}
        />
      )}
      {panel === 'finding' && (
        <RecordFindingForm
          check={check}
          onDone={(recorded) => {
            setPanel(null);
            setOutcome(recorded ? { ok: true, text: t('finding.recorded') } : null);
          }}
        />
      )}
      {panel === null && check.status !== 'cancelled' && (
        <div className="ws-actions">
          {check.status === 'scheduled' && (
            <button
              type="button"
              onClick={() => setPanel('move')}
              aria-label={t('item.moveLabel', { date: formatLocalDate(check.scheduledDate, locale) })}
              data-testid="move-health-check"
            >
              {t('item.move')}
            </button>
          )}
          <button
            type="button"
            onClick={() => setPanel('finding')}
            aria-label={t('item.recordLabel', { date: formatLocalDate(check.scheduledDate, locale) })}
          >
            {t('item.record')}
          </button>
          {check.status === 'scheduled' && (
            <button
              type="button"
              onClick={() => void complete()}
              aria-label={t('item.completeLabel', { date: formatLocalDate(check.scheduledDate, locale) })}
            >
              {t('item.complete')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}
