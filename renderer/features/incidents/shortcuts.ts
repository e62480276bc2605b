// App-wide keyboard shortcuts of the workspace: Ctrl+N / Cmd+N opens the new-incident form
// from anywhere; Ctrl+K / Cmd+K, or '/' outside a text field, focuses the incidents search.
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';

export const SEARCH_INPUT_ID = 'incident-search';

function isEditable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

export type ShortcutAction = 'new-incident' | 'search' | null;

/** Which shortcut a key press is, if any. */
export function shortcutOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'target'>): ShortcutAction {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && !e.shiftKey && key === 'n') return 'new-incident';
  if (mod && !e.altKey && !e.shiftKey && key === 'k') return 'search';
  if (!mod && !e.altKey && e.key === '/' && !isEditable(e.target)) return 'search';
  return null;
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
