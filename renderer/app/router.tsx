import type { ReactNode } from 'react';
import { createHashRouter, Navigate, type RouteObject } from 'react-router';
import { AppLayout } from '../layout/AppLayout';
import { IncidentPage } from '../features/incident/IncidentPage';
import { IncidentsList } from '../features/incidents/IncidentsList';
import { NewIncidentPage } from '../features/new-incident/NewIncidentPage';
import { TodayView } from '../features/today/TodayView';
import { SignInPage } from '../features/sign-in/SignInPage';
import { AttentionPage } from '../features/sync/AttentionPage';
import { AlertsPage } from '../features/alerts/AlertsPage';
import { CustomerPage } from '../features/customers/CustomerPage';
import { CustomersPage } from '../features/customers/CustomersPage';
import { CustomerFormPage } from '../features/admin/CustomerFormPage';
import { ImportPage } from '../features/admin/ImportPage';
import { RosterPage } from '../features/admin/RosterPage';
import { DailyReportPage } from '../features/daily-report/DailyReportPage';
import { HealthChecksPage } from '../features/health-checks/HealthChecksPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { RequestsPage } from '../features/requests/RequestsPage';
import { CustomerChartsPage } from '../features/manager/CustomerChartsPage';
import { ManagerPage } from '../features/manager/ManagerPage';
import { QuarterlyIndexPage } from '../features/quarterly-report/QuarterlyIndexPage';
import { QuarterlyPrintPage } from '../features/quarterly-report/QuarterlyPrintPage';
import { QuarterlyReportPage } from '../features/quarterly-report/QuarterlyReportPage';
import { DailyCriticalPage } from '../features/report-pdf/DailyCriticalPage';
import { DailyCriticalPrintPage } from '../features/report-pdf/DailyCriticalPrintPage';
import { AccountPage } from '../features/account/AccountPage';
import { UsersPage } from '../features/users/UsersPage';
import { TemplatesPage } from '../features/templates/TemplatesPage';
import { AreaError } from '../features/desktop/AreaError';
import { AREAS, type AreaKey } from './areas';
import { NotFound } from './NotFound';

// Areas with a view; the others show their placeholder.
const AREA_VIEWS: Record<AreaKey, ReactNode> = {
  today: <TodayView />,
  incidents: <IncidentsList />,
  customers: <CustomersPage />,
  requests: <RequestsPage />,
  healthChecks: <HealthChecksPage />,
  reports: <ReportsPage />,
  manager: <ManagerPage />,
};

// A render error in one view shows the localized error page in that view's place (the
// frame and the navigation stay usable), never react-router's developer page.
const areaError = { errorElement: <AreaError /> };

// Hash routing: the app is served from app:// in the desktop and from any static path in
// the browser, and a reload must never ask the server for a deep path.
export function createAppRouter() {
  return createHashRouter(appRoutes());
}

export function appRoutes(): RouteObject[] {
  return withAreaErrors([
    {
      path: '/',
      element: <AppLayout />,
      children: [
        { index: true, element: <Navigate to="/today" replace /> },
        ...AREAS.map((area) => ({ path: area.path.slice(1), element: AREA_VIEWS[area.key] })),
        { path: 'incidents/new', element: <NewIncidentPage /> },
        { path: 'incidents/:id', element: <IncidentPage /> },
        { path: 'customers/new', element: <CustomerFormPage /> },
        { path: 'customers/import', element: <ImportPage /> },
        { path: 'customers/:id', element: <CustomerPage /> },
        { path: 'customers/:id/edit', element: <CustomerFormPage /> },
        { path: 'roster', element: <RosterPage /> },
        { path: 'reports/daily', element: <DailyReportPage /> },
        { path: 'reports/daily/:incidentId', element: <DailyReportPage /> },
        { path: 'manager/customers/:id', element: <CustomerChartsPage /> },
        { path: 'reports/quarterly', element: <QuarterlyIndexPage /> },
        { path: 'reports/quarterly/:customerId', element: <QuarterlyReportPage /> },
        { path: 'reports/daily-critical/:incidentId', element: <DailyCriticalPage /> },
        { path: 'sign-in', element: <SignInPage /> },
        { path: 'sync/attention', element: <AttentionPage /> },
        { path: 'account', element: <AccountPage /> },
        { path: 'templates', element: <TemplatesPage /> },
        { path: 'admin/users', element: <UsersPage /> },
        { path: 'alerts', element: <AlertsPage /> },
        { path: '*', element: <NotFound /> },
      ],
    },
    // Report-only views for the browser's print path: the report without the app's frame.
    { path: '/reports/quarterly/:customerId/print', element: <QuarterlyPrintPage /> },
    { path: '/reports/daily-critical/:incidentId/print', element: <DailyCriticalPrintPage /> },
  ]);
}

/** Every route (the layout, each area, each page) gets the area error page. */
function withAreaErrors(routes: RouteObject[]): RouteObject[] {
  return routes.map((r) =>
    r.index
      ? { ...r, ...areaError }
      : { ...r, ...areaError, ...(r.children ? { children: withAreaErrors(r.children) } : {}) },
  );
}
