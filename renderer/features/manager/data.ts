// Live replica reads of the manager view and the customer report pages. Every number shown
// is computed from these rows by shared/analytics; nothing here counts anything.
import { reportRecipients } from '../../../shared/reports/recipients';
import { useMemo } from 'react';
import type {
  Customer,
  DeployedProduct,
  HealthCheck,
  Incident,
  Report,
  Request,
  TimelineEvent,
  User,
} from '../../../shared/model/entities';
import {
  useContacts,
  useCustomer,
  useClosedHistory,
  useCustomers,
  useHealthChecks,
  useReplicaQuery,
  useReportLog,
  useRequests,
  useUsers,
  allIncidentsWithHistory,
  incidentsWithHistory,
  timelineEventsOfCustomer,
} from '../../replica';

export interface PortfolioData {
  customers: Customer[];
  incidents: Incident[];
  users: User[];
  healthChecks: HealthCheck[];
  reportLog: Report[];
  deployedProducts: DeployedProduct[];
}

export type PortfolioDataState =
  | { status: 'loading' }
  /** Closed incidents are still arriving (first sync): no figure would be right yet. */
  | { status: 'arriving'; percent: number }
  | { status: 'ready'; data: PortfolioData };

/** Everything the portfolio needs, once the closed history is whole. */
export function usePortfolioData(): PortfolioDataState {
  const history = useClosedHistory();
  const customers = useCustomers();
  // Open incidents by index, closed ones from the closed-history buckets (a few records).
  const incidents = useReplicaQuery((db) => allIncidentsWithHistory(db), []);
  const users = useUsers();
  const healthChecks = useHealthChecks();
  const reportLog = useReportLog();
  const deployedProducts = useReplicaQuery(
    (db) => db.deployedProducts.filter((p) => !p.deleted).toArray(),
    [],
  );
  return useMemo((): PortfolioDataState => {
    if (history && !history.ready) return { status: 'arriving', percent: history.percent };
    return history && customers && incidents && users && healthChecks && reportLog && deployedProducts
      ? { status: 'ready', data: { customers, incidents, users, healthChecks, reportLog, deployedProducts } }
      : { status: 'loading' };
  }, [history, customers, incidents, users, healthChecks, reportLog, deployedProducts]);
}

export interface CustomerData {
  customer: Customer;
  incidents: Incident[];
  events: TimelineEvent[];
  requests: Request[];
  healthChecks: HealthCheck[];
  reportLog: Report[];
  users: User[];
  /** The language of the customer's primary contact, if any. */
  contactLocale: 'ja' | 'en' | null;
}

export type CustomerDataState =
  | { status: 'loading' }
  | { status: 'missing' }
  /** Closed incidents are still arriving (first sync): no figure would be right yet. */
  | { status: 'arriving'; percent: number }
  | { status: 'ready'; data: CustomerData };

/** One customer's rows (incidents, their customer-visible timeline, requests, checks, reports). */
export function useCustomerData(customerId: string | undefined): CustomerDataState {
  const id = customerId ?? '';
  const history = useClosedHistory();
  const customer = useCustomer(customerId);
  const customerLoaded = useReplicaQuery((db) => db.customers.get(id).then(() => true), [id]);
  const incidents = useReplicaQuery((db) => incidentsWithHistory(db, id), [id]);
  const events = useReplicaQuery((db) => timelineEventsOfCustomer(db, id), [id]);
  const requests = useRequests({ customerId: id });
  const healthChecks = useHealthChecks({ customerId: id });
  const reportLog = useReportLog({ customerId: id });
  const users = useUsers();
  const contacts = useContacts(id);
  return useMemo((): CustomerDataState => {
    if (history && !history.ready) return { status: 'arriving', percent: history.percent };
    if (
      !history ||
      !customerLoaded ||
      !incidents ||
      !events ||
      !requests ||
      !healthChecks ||
      !reportLog ||
      !users ||
      !contacts
    )
      return { status: 'loading' };
    if (!customer) return { status: 'missing' };
    const primary = reportRecipients(contacts)[0];
    return {
      status: 'ready',
      data: {
        customer,
        incidents,
        events,
        requests,
        healthChecks,
        reportLog,
        users,
        contactLocale: primary?.locale ?? null,
      },
    };
  }, [
    history,
    customerLoaded,
    customer,
    incidents,
    events,
    requests,
    healthChecks,
    reportLog,
    users,
    contacts,
  ]);
}
