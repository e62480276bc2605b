// English catalog. The Japanese catalog (ja.ts) must have exactly the same keys: a test
// compares them.
export const en = {
  app: {
    title: 'TAM Workstation',
    skipToContent: 'Skip to content',
  },
  nav: {
    label: 'Main navigation',
    today: 'Today',
    customers: 'Customers',
    incidents: 'Incidents',
    requests: 'Requests',
    healthChecks: 'Health checks',
    reports: 'Reports',
    manager: 'Manager',
  },
  language: {
    label: 'Language',
    ja: '日本語',
    en: 'English',
  },
  status: {
    label: 'Connection and sync status',
    online: 'Online',
    offline: 'Offline — your changes are kept on this computer',
    syncIdle: 'Not synced yet',
    syncing: 'Syncing…',
    runtimeDesktop: 'Desktop app',
    runtimeWeb: 'Browser mode',
  },
  areas: {
    today: {
      title: 'Today',
      intro: 'What is about to breach, who is covering, and what you owe each customer today.',
    },
    customers: {
      title: 'Customers',
      intro: 'Your customer accounts: contract, business calendar, contacts and deployed products.',
    },
    incidents: {
      title: 'Incidents',
      intro: 'Every incident with its response timer and complete timeline.',
    },
    requests: {
      title: 'Requests',
      intro: 'Signature releases and private patches, by stage.',
    },
    healthChecks: {
      title: 'Health checks',
      intro: 'The annual health check: scheduling, findings and recommendations.',
    },
    reports: {
      title: 'Reports',
      intro: 'Daily reports for critical incidents and quarterly reports per customer.',
    },
    manager: {
      title: 'Manager',
      intro: 'Per-customer charts across your team: SLA results, volumes and trends.',
    },
  },
  notFound: {
    title: 'Page not found',
    back: 'Go to Today',
  },
} as const;
