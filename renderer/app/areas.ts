// The app's areas: one entry per navigation item and route. Later issues replace an
// area's placeholder with its real view.
export const AREAS = [
  { key: 'today', path: '/today', nav: 'nav.today', shortcut: '1' },
  { key: 'customers', path: '/customers', nav: 'nav.customers', shortcut: '2' },
  { key: 'incidents', path: '/incidents', nav: 'nav.incidents', shortcut: '3' },
  { key: 'requests', path: '/requests', nav: 'nav.requests', shortcut: '4' },
  { key: 'healthChecks', path: '/health-checks', nav: 'nav.healthChecks', shortcut: '5' },
  { key: 'reports', path: '/reports', nav: 'nav.reports', shortcut: '6' },
  { key: 'manager', path: '/manager', nav: 'nav.manager', shortcut: '7' },
] as const;

export type AreaKey = (typeof AREAS)[number]['key'];
