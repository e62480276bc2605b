// The window's side of the desktop shell. Tells the shell the app's language (menus and
// dialogs follow it) and how many changes wait in the outbox (the update prompt warns about
// them), opens the views that deep links and notification clicks name, and turns Help >
// Keyboard shortcuts into the 'tam:shortcuts' window event the shortcuts sheet listens for.
// Mounted once in the app layout; renders nothing.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { deepLinkPath } from '../../../shared/bridge/deep-link';
import { getBridge } from '../../bridge';
import { usePendingCount } from '../../replica';

export const SHORTCUTS_EVENT = 'tam:shortcuts';

export function DesktopShell() {
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const language = i18n.language === 'ja' ? 'ja' : 'en';
  const unsent = usePendingCount() ?? 0;

  useEffect(() => {
    return getBridge().onEvent((event) => {
      if (event.type === 'open') void navigate(deepLinkPath(event.target));
      else if (event.type === 'menu-command' && event.command === 'shortcuts')
        window.dispatchEvent(new CustomEvent(SHORTCUTS_EVENT));
    });
  }, [navigate]);

  // After subscribing (effects run in order): the first report tells the shell the page
  // listens, and a link that started the app is delivered then.
  useEffect(() => {
    void getBridge()
      .reportStatus({ language, unsentChanges: unsent })
      .catch(() => undefined);
  }, [language, unsent]);

  return null;
}
