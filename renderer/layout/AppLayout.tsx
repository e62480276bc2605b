import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AREAS } from '../app/areas';
import { useWorkspaceShortcuts } from '../features/incidents/shortcuts';
import { matchShortcut, shortcutHint } from '../shortcuts/registry';
import type { ShortcutId } from '../shortcuts/registry';
import { ShortcutsHelp } from '../shortcuts/ShortcutsHelp';
import { CommandPalette } from '../features/palette/CommandPalette';
import { DesktopShell } from '../features/desktop/DesktopShell';
import { AlertNotifier } from '../features/alerts/AlertNotifier';
import { NotificationsLink } from '../features/alerts/NotificationsLink';
import { SlaNotifier } from '../features/notifications/SlaNotifier';
import { SavedViewsNav } from '../features/saved-views';
import { SessionBanner } from '../features/sign-in/SessionBanner';
import { SessionMenu } from '../features/sign-in/SessionMenu';
import { useSession } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { StatusBar } from './StatusBar';

const areaShortcut = (n: string) => `area${n}` as ShortcutId;

export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // $mod+N: new incident; '/': the incidents search ($mod+K: the command palette).
  useWorkspaceShortcuts();

  // A start with no usable session and no offline replica opens the sign-in form (then the
  // page asked for), not an empty Today under a banner. Only the start: once signed out
  // later, the user keeps browsing where they are.
  const phase = useSession((s) => s.phase);
  const { pathname, search } = useLocation();
  const startSettled = useRef(false);
  useEffect(() => {
    if (phase === 'starting' || startSettled.current) return;
    startSettled.current = true;
    if (phase === 'signed-out' && pathname !== '/sign-in')
      void navigate('/sign-in', { replace: true, state: { from: `${pathname}${search}` } });
  }, [phase, pathname, search, navigate]);

  // Alt+1…7 (⌥1…7 on a Mac, matched on the key, not on the character it types) jumps between areas.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = matchShortcut(
        e,
        AREAS.map((a) => areaShortcut(a.shortcut)),
      );
      const area = AREAS.find((a) => areaShortcut(a.shortcut) === id);
      if (area) {
        e.preventDefault();
        void navigate(area.path);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <div className="app-shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <h1 className="app-title">{t('app.title')}</h1>
        <div className="header-tools">
          <NotificationsLink />
          <SessionMenu />
          <LanguageSwitch />
        </div>
      </header>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <ul>
          {AREAS.map((area) => (
            <li key={area.key}>
              <NavLink to={area.path} title={shortcutHint(areaShortcut(area.shortcut))}>
                {t(area.nav)}
              </NavLink>
            </li>
          ))}
        </ul>
        <SavedViewsNav />
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        <SessionBanner />
        <Outlet />
      </main>
      <StatusBar />
      <SlaNotifier />
      <ShortcutsHelp />
      <CommandPalette />
      <DesktopShell />
      <AlertNotifier />
    </div>
  );
}
