// The daily status report draft in the report's language: the facts from shared/reports/daily
// (dailyDraftModel) worded with a fixed-language t of the app's i18next instance (the
// 'dailyDraft' namespace, levels from the glossary). Pure given the catalogs: the same input
// gives the same text.
import i18next, { type TFunction } from 'i18next';
import { DateTime } from 'luxon';
import type { TimelineEvent } from '../../../shared/model/entities';
import type { ResponseSla } from '../../../shared/sla';
import {
  dailyDraftModel,
  type DailyDraftInput,
  type DailyDraftModel,
  type DraftLocale,
} from '../../../shared/reports/daily/draft';
import { formatZone } from '../../format/zone';
import { initI18n } from '../../i18n/index';

export interface DailyDraft {
  locale: DraftLocale;
  subject: string;
  body: string;
  /** The customer's local date the report is for. */
  reportDate: string;
  /** Where the report's period starts: the last daily report's sentAt, or the incident's receipt. */
  since: string;
  sinceLastReport: boolean;
  /** The customer-visible events the draft lists, oldest first. */
  events: TimelineEvent[];
  sla: ResponseSla;
}

type DraftT = TFunction<['dailyDraft', 'glossary']>;

function draftT(locale: DraftLocale): DraftT {
  if (!i18next.isInitialized) initI18n(locale);
  return i18next.getFixedT(locale, ['dailyDraft', 'glossary']);
}

/** Writes the draft of a model. */
export function writeDailyDraft(m: DailyDraftModel): DailyDraft {
  const t = draftT(m.locale);
  const at = (iso: string) =>
    DateTime.fromISO(iso, { setZone: true }).setZone(m.zone).toFormat('yyyy-MM-dd HH:mm');
  const left = (minutes: number) =>
    minutes >= 60
      ? t('left', { hours: Math.floor(minutes / 60), minutes: minutes % 60 })
      : t('leftMinutes', { minutes });
  const level = (s: 1 | 2 | 3 | 4) => t(`glossary:severityLevel.${s}`);

  const slaText = (l: DailyDraftModel['slaLine']): string => {
    switch (l.state) {
      case 'met':
      case 'missed':
        return t(`sla.${l.state}`, { at: at(l.at) });
      case 'running':
      case 'at_risk':
        return t(`sla.${l.state}`, { due: at(l.due), left: left(l.leftMinutes) });
      case 'breached':
        return t('sla.breached', { due: at(l.due) });
    }
  };
  const slaLine = slaText(m.slaLine);
  const { minutes, business, deferredUntil } = m.target;
  const duration =
    minutes >= 60 && minutes % 60 === 0
      ? t('sla.targetHours', { count: minutes / 60 })
      : t('sla.targetMinutes', { count: minutes });
  const targetLine =
    t(business ? 'sla.target_business' : 'sla.target', { duration }) +
    (deferredUntil ? t('sla.deferred', { until: at(deferredUntil) }) : '');

  const eventText = (e: DailyDraftModel['eventLines'][number]) => {
    if (e.change === 'status')
      return t('statusChange', { from: t(`status.${e.from}`), to: t(`status.${e.to}`) });
    if (e.change === 'severity') return t('severityChange', { from: level(e.from), to: level(e.to) });
    return e.body.length > 0 ? t('entry', { kind: t(`kind.${e.kind}`), body: e.body }) : t(`kind.${e.kind}`);
  };
  const nextText = (n: DailyDraftModel['next'][number]) => {
    switch (n.kind) {
      case 'firstAnswer':
        return t('next.firstAnswer', { due: at(n.due) });
      case 'request':
        return t('next.request', {
          type: t(`requestType.${n.requestType}`),
          title: n.title,
          stage: t(`stage.${n.stage}`),
        });
      case 'nextReport':
        return t('next.nextReport', { date: n.date });
      default:
        return t(`next.${n.kind}`);
    }
  };

  const b = t('bullet');
  const heading = (text: string) => t('heading', { text });
  const first = !m.sinceLastReport;
  const addressee =
    m.contactName !== null ? t('addressee', { contact: m.contactName }) : t('addresseeUnknown');
  const lines = [
    m.author !== null
      ? t('greeting_author', { customer: m.customerName, addressee, author: m.author })
      : t('greeting', { customer: m.customerName, addressee }),
    '',
    t('intro'),
    t('zoneNote', { zone: formatZone(m.zone, m.since, m.locale) }),
    '',
    heading(t('headings.incident')),
    m.incident.title,
    '',
    `${t('headings.received')}: ${at(m.incident.receivedAt)}`,
    `${t('headings.severity')}: ${level(m.incident.severity)}`,
    `${t('headings.status')}: ${t(`status.${m.incident.status}`)}`,
    `${t('headings.sla')}: ${slaLine}`,
    `${b}${targetLine}`,
    '',
    heading(t(first ? 'headings.eventsFirst' : 'headings.eventsSince', { since: at(m.since) })),
    ...(m.eventLines.length > 0
      ? m.eventLines.map((e) => `${b}${at(e.at)} ${eventText(e)}`)
      : [t(first ? 'noEventsFirst' : 'noEventsSince')]),
    '',
    heading(t('headings.next')),
    ...m.next.map((n) => `${b}${nextText(n)}`),
    '',
    m.author !== null ? t('closing_author', { author: m.author }) : t('closing'),
  ];

  return {
    locale: m.locale,
    subject: t('subject', { title: m.incident.title, date: m.reportDate }),
    body: `${lines.join('\n')}\n`,
    reportDate: m.reportDate,
    since: m.since,
    sinceLastReport: m.sinceLastReport,
    events: m.events,
    sla: m.sla,
  };
}

/** Builds the draft of an incident's daily report. */
export function buildDailyDraft(input: DailyDraftInput): DailyDraft {
  return writeDailyDraft(dailyDraftModel(input));
}
