// Small pieces every incident view shares: the SLA state and level badges, the live
// countdown, a time shown in the customer's zone and in the user's, a policy's target.
import { useTranslation } from 'react-i18next';
import type { Severity } from '../../../shared/model/entities';
import type { SlaState, SupportPolicy } from '../../../shared/sla';
import { formatCountdown } from '../../format/countdown';
import './workspace.css';
import { formatDateTime, formatZone, userTimeZone } from '../../format/datetime';
import { useLocale } from '../../ui/common';

export function SlaBadge({ state }: { state: SlaState | 'invalid' }) {
  const { t } = useTranslation(['incident', 'glossary']);
  return (
    <span className={`ws-badge ws-sla-${state}`} data-sla-state={state}>
      {state === 'invalid' ? t('sla.state.invalid') : t(`glossary:slaState.${state}`)}
    </span>
  );
}

export function SeverityBadge({ level }: { level: Severity }) {
  const { t } = useTranslation(['incident', 'glossary']);
  return (
    <span className={`ws-badge ws-sev-${level}`} title={t(`severity.definition.${level}`)}>
      {t('glossary:levelShort', { level })} {t(`glossary:severity.${level}`)}
    </span>
  );
}

/** Time left (or overdue) in the clock's own time, as the engine counts it. */
export function Countdown({ ms, testId }: { ms: number; testId?: string }) {
  const { t } = useTranslation(['incident', 'glossary']);
  const locale = useLocale();
  const text = formatCountdown(ms, locale);
  return (
    <span
      className={ms < 0 ? 'ws-countdown ws-countdown-overdue' : 'ws-countdown'}
      role="timer"
      data-testid={testId}
    >
      {ms < 0 ? (
        <span className="ws-countdown-label">{t('sla.overdue')} </span>
      ) : (
        <span className="ws-visually-hidden">{t('sla.remaining')} </span>
      )}
      {text}
    </span>
  );
}

/** An instant in the customer's zone, and in the user's when it differs. */
export function DualTime({ iso, zone, testId }: { iso: string; zone: string; testId?: string }) {
  const { t } = useTranslation(['incident', 'glossary']);
  const locale = useLocale();
  const mine = userTimeZone();
  return (
    <span className="ws-dual-time" data-testid={testId}>
      <span>
        <time dateTime={iso}>{formatDateTime(iso, zone, locale)}</time>{' '}
        <span className="muted">({formatZone(zone, iso, locale)})</span>
      </span>
      {mine !== zone && (
        <span className="ws-dual-time-mine muted">
          {t('zone.mine', { zone: formatZone(mine, iso, locale) })}: {formatDateTime(iso, mine, locale)}
        </span>
      )}
    </span>
  );
}

/** "30 min, calendar time (24/7)" / "6 h of business hours" from the customer's policy. */
export function useTargetText(): (policy: SupportPolicy, level: Severity) => string {
  const { t } = useTranslation(['incident', 'glossary']);
  return (policy, level) => {
    const target = policy.targets[level];
    const duration =
      target.minutes % 60 === 0
        ? t('target.hours', { count: target.minutes / 60 })
        : t('target.minutes', { count: target.minutes });
    return t(`target.${target.clock}`, { duration });
  };
}
