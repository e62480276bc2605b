// App-wide keyboard shortcuts of the workspace ($mod is Cmd on macOS, Ctrl elsewhere; see
// renderer/shortcuts/registry.ts): $mod+N opens the new-incident form from anywhere; '/' outside
// a text field focuses the incidents search ($mod+K opens the command palette, features/palette).
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { matchShortcut } from '../../shortcuts/registry';
import type { KeyEventLike, Platform } from '../../shortcuts/registry';

export const SEARCH_INPUT_ID = 'incident-search';

export type ShortcutAction = 'new-incident' | 'search' | null;

/** Which workspace shortcut a key press is, if any (the registry matches; IME composition never). */
export function shortcutOf(e: KeyEventLike, platform?: Platform): ShortcutAction {
  const id = matchShortcut(e, ['newIncident', 'search'], platform);
  return id === 'newIncident' ? 'new-incident' : id === 'search' ? 'search' : null;
}

export function useWorkspaceShortcuts(): void {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutOf(e);
      if (action === null) return;
      e.preventDefault();
      if (action === 'new-incident') {
        void navigate('/incidents/new');
        return;
      }
      const input = document.getElementById(SEARCH_INPUT_ID);
      if (location.pathname === '/incidents' && input) {
        input.focus();
        (input as HTMLInputElement).select?.();
      } else {
        void navigate('/incidents', { state: { focusSearch: true } });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, location.pathname]);
}
