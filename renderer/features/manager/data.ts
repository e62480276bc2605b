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
  useCustomers,
  useHealthChecks,
  useReplicaQuery,
  useReportLog,
  useRequests,
  useUsers,
  incidentsByCustomer,
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

/** Everything the portfolio needs, or undefined while any part loads. */
export function usePortfolioData(): PortfolioData | undefined {
  const customers = useCustomers();
  const incidents = useReplicaQuery((db) => db.incidents.filter((i) => !i.deleted).toArray(), []);
  const users = useUsers();
  const healthChecks = useHealthChecks();
  const reportLog = useReportLog();
  const deployedProducts = useReplicaQuery(
    (db) => db.deployedProducts.filter((p) => !p.deleted).toArray(),
    [],
  );
  return useMemo(
    () =>
      customers && incidents && users && healthChecks && reportLog && deployedProducts
        ? { customers, incidents, users, healthChecks, reportLog, deployedProducts }
        : undefined,
    [customers, incidents, users, healthChecks, reportLog, deployedProducts],
  );
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
  | { status: 'ready'; data: CustomerData };

/** One customer's rows (incidents, their customer-visible timeline, requests, checks, reports). */
export function useCustomerData(customerId: string | undefined): CustomerDataState {
  const id = customerId ?? '';
  const customer = useCustomer(customerId);
  const customerLoaded = useReplicaQuery((db) => db.customers.get(id).then(() => true), [id]);
  const incidents = useReplicaQuery((db) => incidentsByCustomer(db, id), [id]);
  const events = useReplicaQuery((db) => timelineEventsOfCustomer(db, id), [id]);
  const requests = useRequests({ customerId: id });
  const healthChecks = useHealthChecks({ customerId: id });
  const reportLog = useReportLog({ customerId: id });
  const users = useUsers();
  const contacts = useContacts(id);
  return useMemo((): CustomerDataState => {
    if (
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
  }, [customerLoaded, customer, incidents, events, requests, healthChecks, reportLog, users, contacts]);
}
