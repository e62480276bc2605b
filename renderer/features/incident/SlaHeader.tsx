// The incident's response SLA, live: clock start, due time (customer's zone and mine), state,
// time left, why the clock was deferred, and the escalation prompt when at risk or breached.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, Incident } from '../../../shared/model/entities';
import { slaAt, urgencyFactsOf } from '../../../shared/today/urgency';
import { SlaInputError } from '../../../shared/sla';
import type { ResponseSla } from '../../../shared/sla';
import { useNow } from '../../format/ticker';
import { formatDateTime } from '../../format/datetime';
import { useLocale } from '../../ui/common';
import { Countdown, DualTime, SlaBadge } from './parts';

type SlaResult = { ok: true; sla: ResponseSla } | { ok: false; message: string };

export function SlaHeader({
  incident,
  customer,
  dutyManagerName,
  onEscalate,
}: {
  incident: Incident;
  customer: Customer;
  /** The duty manager on the roster now; null: nobody. */
  dutyManagerName: string | null;
  onEscalate: (state: 'at_risk' | 'breached') => void;
}) {
  const { t } = useTranslation(['incident', 'glossary']);
  const locale = useLocale();
  const now = useNow();
  const facts = useMemo(() => urgencyFactsOf(incident, customer), [incident, customer]);
  let result: SlaResult;
  try {
    result = { ok: true, sla: slaAt(facts, now) };
  } catch (e) {
    result = { ok: false, message: e instanceof SlaInputError ? e.message : String(e) };
  }
  const zone = customer.calendar.timeZone;
  if (!result.ok) {
    return (
      <section className="ws-panel ws-sla-header" aria-labelledby="sla-title">
        <h3 id="sla-title">{t('page.slaTitle')}</h3>
        <p className="ws-error-text" role="alert">
          {t('sla.invalid', { message: result.message })}
        </p>
      </section>
    );
  }
  const { sla } = result;
  const stateLabel = t(`glossary:slaState.${sla.state}`);
  return (
    <section
      className={`ws-panel ws-sla-header ws-row-${sla.state}`}
      aria-labelledby="sla-title"
      data-testid="sla-header"
      data-state={sla.state}
    >
      <h3 id="sla-title">{t('page.slaTitle')}</h3>
      <dl className="ws-facts">
        <div>
          <dt>{t('page.state')}</dt>
          <dd>
            <SlaBadge state={sla.state} />{' '}
            {sla.remainingMs !== null && <Countdown ms={sla.remainingMs} testId="sla-countdown" />}
          </dd>
        </div>
        <div>
          <dt>{t('page.due')}</dt>
          <dd>
            <DualTime iso={sla.dueAt} zone={zone} testId="sla-due" />
          </dd>
        </div>
        <div>
          <dt>{t('page.clockStart')}</dt>
          <dd>
            <DualTime iso={sla.clockStartAt} zone={zone} />
          </dd>
        </div>
        {incident.firstResponseAt && (
          <div>
            <dt>{t('page.firstResponse')}</dt>
            <dd>
              <DualTime iso={incident.firstResponseAt} zone={zone} />
            </dd>
          </div>
        )}
      </dl>
      {sla.deferred && (
        <p className="ws-deferred" data-testid="sla-deferred">
          {t(`sla.deferred.${sla.deferred.reason}`, { at: formatDateTime(sla.deferred.until, zone, locale) })}
        </p>
      )}
      {(sla.state === 'at_risk' || sla.state === 'breached') && (
        <div className="ws-callout ws-callout-warn">
          <p>
            {dutyManagerName
              ? t('page.escalateHint', { state: stateLabel, name: dutyManagerName })
              : t('page.escalateHintNobody', { state: stateLabel })}
          </p>
          <button type="button" onClick={() => onEscalate(sla.state as 'at_risk' | 'breached')}>
            {t('page.escalateNow')}
          </button>
        </div>
      )}
    </section>
  );
}
