// The shortcuts help sheet: every shortcut of the registry, grouped, in the user's language and
// written the platform's way (⌘ on a Mac, Ctrl elsewhere). The kit's modal dialog (ui/Dialog,
// a native <dialog>): Esc and the Close button close it, and the focus returns where it was.
// Opened by `?` (or $mod+/), and by the window event 'tam:shortcuts' (the desktop menu's
// "Keyboard shortcuts").
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import './shortcuts.css';
import { SHORTCUTS, currentPlatform, matchShortcut, shortcutKeys } from './registry';
import type { ShortcutDef, ShortcutGroup, ShortcutId } from './registry';

/** The window event that opens the help sheet. */
export const SHORTCUTS_EVENT = 'tam:shortcuts';

const GROUPS: readonly ShortcutGroup[] = ['global', 'navigation', 'lists', 'forms'];

export function ShortcutsHelp() {
  const { t } = useTranslation(['shortcuts', 'translation']);
  const [open, setOpen] = useState(false);
  const platform = currentPlatform();

  useEffect(() => {
    const show = () => setOpen(true);
    const onKey = (e: KeyboardEvent) => {
      if (matchShortcut(e, ['help']) === null) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener(SHORTCUTS_EVENT, show);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener(SHORTCUTS_EVENT, show);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  // Labels are keys the registry names (checked by its tests), not literals the compiler can see.
  const loose = t as unknown as (key: string, values?: object) => string;
  const label = (def: ShortcutDef) => {
    const params =
      def.params?.area !== undefined ? { name: loose(`translation:nav.${def.params.area}`) } : {};
    return loose(def.label ?? `do.${def.id}`, params);
  };

  return (
    <Dialog
      open={open}
      onClose={() => setOpen(false)}
      title={t('title')}
      className="shortcuts-help"
      testId="shortcuts-help"
    >
      {open && (
        <>
          <p className="muted">{t('intro')}</p>
          {GROUPS.map((group) => (
            <section key={group} aria-labelledby={`shortcuts-${group}`}>
              <h3 id={`shortcuts-${group}`}>{t(`groups.${group}`)}</h3>
              <dl className="shortcuts-list">
                {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                  <div key={s.id} className="shortcuts-row" data-shortcut={s.id}>
                    <dt>
                      {shortcutKeys(s.id as ShortcutId, platform).map((k, i) => (
                        <span key={k}>
                          {i > 0 && <span className="muted"> {t('or')} </span>}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </dt>
                    <dd>{label(s)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <div className="shortcuts-actions">
            <button type="button" autoFocus onClick={() => setOpen(false)} data-testid="shortcuts-close">
              {t('close')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
