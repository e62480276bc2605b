// The customer's timeline across incidents, requests, health checks and reports, newest
// first (merged by shared/customers/timeline). Long timelines are virtualised.
import type { TFunction } from 'i18next';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { IncidentStatus, Severity } from '../../../shared/model/entities';
import type { CustomerTimelineEntry } from '../../../shared/customers/timeline';
import { formatDateTime, formatLocalDate } from '../../format/datetime';
import type { Locale } from '../../i18n/locale';
import { useLocale } from '../../ui/common';

/** Above this many entries only the visible ones are rendered. */
export const VIRTUALISE_FROM = 60;

export function CustomerTimeline({
  entries,
  timeZone,
}: {
  entries: readonly CustomerTimelineEntry[];
  timeZone: string;
}) {
  const { t } = useTranslation(['customers', 'glossary']);
  if (entries.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  if (entries.length < VIRTUALISE_FROM) {
    return (
      <ol className="ws-timeline" data-testid="customer-timeline">
        {entries.map((e) => (
          <li key={e.key}>
            <TimelineEntry entry={e} timeZone={timeZone} />
          </li>
        ))}
      </ol>
    );
  }
  return <VirtualTimeline entries={entries} timeZone={timeZone} />;
}

function VirtualTimeline({
  entries,
  timeZone,
}: {
  entries: readonly CustomerTimelineEntry[];
  timeZone: string;
}) {
  const { t } = useTranslation(['customers', 'glossary']);
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 56,
    overscan: 8,
  });
  return (
    <div
      ref={parent}
      className="ws-timeline-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('timeline.scrollLabel', { n: entries.length })}
      data-testid="customer-timeline"
    >
      <ol className="ws-timeline" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index];
          if (!entry) return null;
          return (
            <li
              key={entry.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              aria-setsize={entries.length}
              aria-posinset={item.index + 1}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${item.start}px)`,
              }}
            >
              <TimelineEntry entry={entry} timeZone={timeZone} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function TimelineEntry({ entry, timeZone }: { entry: CustomerTimelineEntry; timeZone: string }) {
  const { t } = useTranslation(['customers', 'requests', 'glossary']);
  const locale = useLocale();
  return (
    <div className="ws-timeline-entry">
      <time dateTime={entry.at} className="ws-timeline-time">
        {formatDateTime(entry.at, timeZone, locale)}
      </time>
      <span className={`ws-badge ws-type-${entry.type}`}>{t(`customers:timeline.type.${entry.type}`)}</span>
      <span className="ws-timeline-text">{describe(entry, t, locale)}</span>
    </div>
  );
}

type T = TFunction<['customers', 'requests', 'glossary']>;

function statusChange(t: T, from: IncidentStatus, to: IncidentStatus): string {
  const fromTerm: string = t(`glossary:status.${from}`);
  const toTerm: string = t(`glossary:status.${to}`);
  return t('customers:timeline.statusChange', { from: fromTerm, to: toTerm });
}

function IncidentLink({ id, title }: { id: string; title: string | null }) {
  const { t } = useTranslation(['customers', 'glossary']);
  return <Link to={`/incidents/${id}`}>{title ?? t('timeline.unknownIncident')}</Link>;
}

function describe(entry: CustomerTimelineEntry, t: T, locale: Locale) {
  switch (entry.type) {
    case 'incident_received':
      return (
        <>
          <IncidentLink id={entry.incidentId} title={entry.title} />{' '}
          <span className="muted">
            {t('customers:timeline.received', {
              severity: t(`glossary:severityLevel.${entry.severity}`),
              channel: t(`glossary:channel.${entry.channel}`),
            })}
          </span>
        </>
      );
    case 'incident_event':
      return (
        <>
          <strong>{t(`glossary:timelineKind.${entry.kind}`)}</strong>
          {entry.visibility === 'internal' && (
            <span className="ws-badge">{t('customers:timeline.internal')}</span>
          )}
          {entry.isAnswer && <span className="ws-badge ws-badge-ok">{t('customers:timeline.answer')}</span>}{' '}
          {entry.kind === 'status_change' &&
          typeof entry.meta?.['from'] === 'string' &&
          typeof entry.meta?.['to'] === 'string'
            ? statusChange(t, entry.meta['from'] as IncidentStatus, entry.meta['to'] as IncidentStatus)
            : entry.kind === 'severity_change' && typeof entry.meta?.['to'] === 'number'
              ? t('customers:timeline.severityChange', {
                  to: t(`glossary:severityLevel.${entry.meta['to'] as Severity}`),
                })
              : entry.body}{' '}
          <span className="muted">
            — <IncidentLink id={entry.incidentId} title={entry.incidentTitle} />
          </span>
        </>
      );
    case 'request_stage':
      return (
        <>
          {entry.created
            ? t('customers:timeline.requestCreated', {
                type: t(`glossary:requestType.${entry.requestType}`),
                title: entry.title,
              })
            : t('customers:timeline.requestStage', {
                title: entry.title,
                stage: t(`glossary:requestStage.${entry.stage}`),
              })}
          {entry.note ? <span className="muted"> — {entry.note}</span> : null}
        </>
      );
    case 'health_check_agreed':
      return t('customers:timeline.healthCheckAgreed', {
        date: formatLocalDate(entry.scheduledDate, locale),
      });
    case 'health_check_completed':
      return t('customers:timeline.healthCheckCompleted', {
        date: formatLocalDate(entry.scheduledDate, locale),
        n: entry.findings,
      });
    case 'report_sent':
      return (
        <>
          {t('customers:timeline.reportSent', {
            kind: t(`glossary:reportKind.${entry.kind}`),
            via: t(`customers:via.${entry.via}`),
          })}
          {entry.incidentId !== null && (
            <span className="muted">
              {' '}
              — <IncidentLink id={entry.incidentId} title={entry.incidentTitle} />
            </span>
          )}
        </>
      );
  }
}
