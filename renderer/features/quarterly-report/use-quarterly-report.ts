// The quarterly report of one customer as the page and the print view show it: the replica's
// rows, the customer's remembered choices (sections, period, language) and the model built
// by shared/analytics buildQuarterlyReport at the current minute.
import { useCallback, useMemo, useRef, useState } from 'react';
import { buildQuarterlyReport } from '../../../shared/reports/index';
import type { QuarterlyReport } from '../../../shared/reports/index';
import type { Locale } from '../../../shared/model/entities';
import type { QuarterlySchedule } from '../../../shared/sla/index';
import { useLocale, useMinuteNow } from '../../ui/common';
import { useReplicaQuery } from '../../replica';
import {
  useCustomerData,
  type CustomerData,
  contractSchedule,
  currentQuarterChoice,
  customerToday,
  resolvePeriod,
  type PeriodChoice,
  type ResolvedPeriod,
} from '../manager';
import { loadSettings, reportLocale, saveSettings, type ReportSettings } from './settings';

export type QuarterlyReportState =
  | { status: 'loading' }
  | { status: 'missing' }
  /** Closed incidents are still arriving (first sync): the counts would be too low. */
  | { status: 'arriving'; percent: number }
  | { status: 'error'; message: string; data: CustomerData }
  | {
      status: 'ready';
      data: CustomerData;
      schedule: QuarterlySchedule;
      choice: PeriodChoice;
      resolved: ResolvedPeriod;
      locale: Locale;
      /** null while the chosen period is invalid. */
      report: QuarterlyReport | null;
    };

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

/**
 * @param overrides period and language fixed by the caller (the print view's URL) over the
 * saved ones; pass a stable (memoised) period.
 */
export function useQuarterlyReport(
  customerId: string | undefined,
  overrides: {
    period?: PeriodChoice | undefined;
    locale?: Locale | undefined;
    initialQuarter?: number | undefined;
  } = {},
) {
  const periodOverride = overrides.period;
  const localeOverride = overrides.locale;
  const id = customerId ?? '';
  const uiLocale = useLocale();
  const source = useCustomerData(customerId);
  const attachments = useReplicaQuery((db) => db.attachments.where('customerId').equals(id).toArray(), [id]);
  const nowMs = useMinuteNow();
  // A quarter named by the link that opened the page (the charts' one) replaces the saved period
  // until the user picks another.
  const [stored, setStored] = useState<{ id: string; settings: ReportSettings }>(() => {
    const saved = loadSettings(storage(), id);
    const initial = overrides.initialQuarter;
    return {
      id,
      settings: initial === undefined ? saved : { ...saved, period: { kind: 'quarter', index: initial } },
    };
  });
  // Another customer (same component instance): read its own settings.
  const settings = stored.id === id ? stored.settings : loadSettings(storage(), id);

  // The quarter the charts show first (the running one), fixed for the page's life: logging a
  // report must not move the page to another quarter under the user's eyes.
  const defaultChoice = useRef<{ id: string; choice: PeriodChoice } | null>(null);

  const setSettings = useCallback(
    (next: ReportSettings) => {
      setStored({ id, settings: next });
      saveSettings(storage(), id, next);
    },
    [id],
  );

  const state = useMemo((): QuarterlyReportState => {
    if (source.status !== 'ready') return source;
    const data = source.data;
    const now = new Date(nowMs).toISOString();
    try {
      const schedule = contractSchedule(data.customer, data.reportLog, now);
      if (defaultChoice.current?.id !== id)
        defaultChoice.current = {
          id,
          choice: currentQuarterChoice(schedule, customerToday(data.customer, now)),
        };
      const choice = periodOverride ?? settings.period ?? defaultChoice.current.choice;
      const resolved = resolvePeriod(choice, schedule.periods);
      const locale = localeOverride ?? reportLocale(settings, data.contactLocale, uiLocale);
      const report = resolved.ok
        ? buildQuarterlyReport({
            customer: data.customer,
            incidents: data.incidents,
            events: data.events,
            requests: data.requests,
            healthChecks: data.healthChecks,
            reportLog: data.reportLog,
            users: data.users,
            attachments: attachments ?? [],
            period: resolved.period,
            sections: settings.sections,
            locale,
            now,
          })
        : null;
      return { status: 'ready', data, schedule, choice, resolved, locale, report };
    } catch (err) {
      return { status: 'error', message: err instanceof Error ? err.message : String(err), data };
    }
  }, [source, nowMs, settings, uiLocale, id, periodOverride, localeOverride, attachments]);

  return { state, settings, setSettings };
}
