import i18next, { type Resource, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import * as customers from '../features/customers/i18n';
import * as dailyReport from '../features/daily-report/i18n';
import * as dailyDraft from '../features/daily-report/draft-i18n';
import * as healthChecks from '../features/health-checks/i18n';
import * as reports from '../features/reports/i18n';
import * as requests from '../features/requests/i18n';
import * as signIn from '../features/sign-in/i18n';
import * as sync from '../features/sync/i18n';
import * as incident from '../features/incident/i18n';
import * as newIncident from '../features/new-incident/i18n';
import * as notifications from '../features/notifications/i18n';
import * as alerts from '../features/alerts/i18n';
import * as savedViews from '../features/saved-views/i18n';
import * as today from '../features/today/i18n';
import * as manager from '../features/manager/i18n';
import * as quarterlyReport from '../features/quarterly-report/i18n';
import * as reportPdf from '../features/report-pdf/i18n';
import * as exportsUi from '../features/exports/i18n';
import * as shortcuts from '../shortcuts/i18n';
import * as account from '../features/account/i18n';
import * as admin from '../features/admin/i18n';
import * as users from '../features/users/i18n';
import * as desktop from '../features/desktop/i18n';
import * as ui from '../ui/i18n';
import * as palette from '../features/palette/i18n';
import * as attachments from '../features/attachments/i18n';
import * as templates from '../features/templates/i18n';
import * as invitation from '../features/invitations/i18n';
import * as errors from './errors';
import * as glossary from './glossary';
import * as report from './report';
import { ja } from './ja';
import type { Locale } from './locale';

/**
 * Every catalog of the app. The core catalog is the default namespace ('translation');
 * a feature with many strings adds its own namespace here: `{ en, ja }` from
 * `features/<feature>/i18n.ts`, used with `useTranslation('<namespace>')`.
 */
export const NAMESPACES = {
  translation: { en, ja },
  glossary: { en: glossary.en, ja: glossary.ja },
  errors: { en: errors.en, ja: errors.ja },
  report: { en: report.en, ja: report.ja },
  signIn: { en: signIn.en, ja: signIn.ja },
  sync: { en: sync.en, ja: sync.ja },
  customers: { en: customers.en, ja: customers.ja },
  requests: { en: requests.en, ja: requests.ja },
  healthChecks: { en: healthChecks.en, ja: healthChecks.ja },
  dailyReport: { en: dailyReport.en, ja: dailyReport.ja },
  dailyDraft: { en: dailyDraft.en, ja: dailyDraft.ja },
  reports: { en: reports.en, ja: reports.ja },
  today: { en: today.en, ja: today.ja },
  incident: { en: incident.en, ja: incident.ja },
  newIncident: { en: newIncident.en, ja: newIncident.ja },
  notifications: { en: notifications.en, ja: notifications.ja },
  alerts: { en: alerts.en, ja: alerts.ja },
  manager: { en: manager.en, ja: manager.ja },
  quarterlyReport: { en: quarterlyReport.en, ja: quarterlyReport.ja },
  reportPdf: { en: reportPdf.en, ja: reportPdf.ja },
  exports: { en: exportsUi.en, ja: exportsUi.ja },
  shortcuts: { en: shortcuts.en, ja: shortcuts.ja },
  account: { en: account.en, ja: account.ja },
  admin: { en: admin.en, ja: admin.ja },
  users: { en: users.en, ja: users.ja },
  desktop: { en: desktop.en, ja: desktop.ja },
  ui: { en: ui.en, ja: ui.ja },
  palette: { en: palette.en, ja: palette.ja },
  attachments: { en: attachments.en, ja: attachments.ja },
  templates: { en: templates.en, ja: templates.ja },
  invitation: { en: invitation.en, ja: invitation.ja },
  savedViews: { en: savedViews.en, ja: savedViews.ja },
} as const;

export function buildResources() {
  const resources: Record<Locale, ResourceLanguage> = { en: {}, ja: {} };
  for (const [ns, cat] of Object.entries(NAMESPACES)) {
    resources.en[ns] = cat.en;
    resources.ja[ns] = cat.ja;
  }
  return resources satisfies Resource;
}

/** Initialises i18next once; React components use `useTranslation()`. */
export function initI18n(locale: Locale) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: buildResources(),
      lng: locale,
      fallbackLng: 'en',
      ns: Object.keys(NAMESPACES),
      defaultNS: 'translation',
      // The resources are bundled: ready when init returns (a report's fixed t works at once).
      initAsync: false,
      showSupportNotice: false,
      // React escapes text itself; user text is never rendered as HTML.
      interpolation: { escapeValue: false },
    });
  } else if (i18next.language !== locale) {
    void i18next.changeLanguage(locale);
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return i18next;
}
