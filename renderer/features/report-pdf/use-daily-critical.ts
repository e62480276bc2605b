// The daily critical-incident report of one incident, as its page and print view show it:
// shared/analytics buildDailyCriticalReport over the replica's rows at the current minute.
import { reportRecipients } from '../../../shared/reports/recipients';
import { useMemo } from 'react';
import { buildDailyCriticalReport } from '../../../shared/reports/index';
import type { DailyCriticalReport } from '../../../shared/reports/index';
import type { Contact, Customer, Incident, Locale, User } from '../../../shared/model/entities';
import {
  useContacts,
  useCustomer,
  useIncident,
  useReplicaQuery,
  useReportLog,
  useRequests,
  useTimeline,
  useUsers,
} from '../../replica';
import { useLocale, useMinuteNow } from '../../ui/common';

export type DailyCriticalState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'not-critical'; incident: Incident }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      report: DailyCriticalReport;
      customer: Customer;
      incident: Incident;
      contacts: Contact[];
      users: User[];
      locale: Locale;
    };

export function useDailyCriticalReport(
  incidentId: string | undefined,
  localeChoice: Locale | null,
): DailyCriticalState {
  const uiLocale = useLocale();
  const id = incidentId ?? '';
  const incident = useIncident(incidentId);
  const incidentLoaded = useReplicaQuery((db) => db.incidents.get(id).then(() => true), [id]);
  const customerId = incident?.customerId;
  const customer = useCustomer(customerId);
  const { events } = useTimeline(incidentId);
  const reportLog = useReportLog(customerId ? { customerId } : { customerId: '' });
  const requests = useRequests(customerId ? { customerId } : { customerId: '' });
  const users = useUsers();
  const contacts = useContacts(customerId ?? '');
  const nowMs = useMinuteNow();

  return useMemo((): DailyCriticalState => {
    if (!incidentLoaded) return { status: 'loading' };
    if (!incident) return { status: 'missing' };
    if (incident.severity !== 1) return { status: 'not-critical', incident };
    if (!customer || !events || !reportLog || !requests || !users || !contacts) return { status: 'loading' };
    const primary = reportRecipients(contacts)[0];
    const locale = localeChoice ?? primary?.locale ?? uiLocale;
    try {
      const report = buildDailyCriticalReport({
        customer,
        incident,
        events,
        reportLog,
        users,
        requests,
        locale,
        now: new Date(nowMs).toISOString(),
      });
      return { status: 'ready', report, customer, incident, contacts, users, locale };
    } catch (err) {
      return { status: 'error', message: err instanceof Error ? err.message : String(err) };
    }
  }, [
    incidentLoaded,
    incident,
    customer,
    events,
    reportLog,
    requests,
    users,
    contacts,
    nowMs,
    localeChoice,
    uiLocale,
  ]);
}
