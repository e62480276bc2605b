// The one registry of keyboard shortcuts. Every key that acts (app-wide shortcuts, list
// movement, Esc in forms) is declared here and matched here, so the help sheet lists them all
// and hints show them the way the platform writes them.
//
// - A combination is written like tinykeys: `$mod+KeyN`, `Alt+Digit1`, `Shift+Slash`, `Escape`.
//   `$mod` is Cmd (⌘) on macOS and Ctrl elsewhere.
// - Keys are matched on `event.code` (the physical key), so Alt+1 works on macOS, where
//   Option+1 types "¡", and Ctrl+K works whatever the keyboard layout. A shortcut may also name
//   a printed character (`key: '?'`) for keys whose place differs between layouts.
// - Nothing matches while an input method is composing (`isComposing`, or keyCode 229 which
//   some browsers send for the key that ends a composition): Enter, arrows and Esc belong to
//   the IME then (Japanese kana-kanji conversion).

export type Platform = 'mac' | 'other';

export type ShortcutGroup = 'global' | 'navigation' | 'lists' | 'forms';

export interface ShortcutDef {
  id: string;
  group: ShortcutGroup;
  /** Combinations (any of them), e.g. `$mod+KeyN`. */
  combos: readonly string[];
  /** Printed characters that also trigger it (no Ctrl/Cmd/Alt), e.g. '?'. */
  keys?: readonly string[];
  /** Also acts while the focus is in a text field (default false for plain keys, true with $mod). */
  inTextFields?: boolean;
  /** Key of the description in the 'shortcuts' namespace (`do.<id>` unless given), with params. */
  label?: string;
  params?: Record<string, string | number>;
}

const AREA_KEYS = [
  'today',
  'customers',
  'incidents',
  'requests',
  'healthChecks',
  'reports',
  'manager',
] as const;

/** Every shortcut of the app, in the order the help sheet lists them. */
export const SHORTCUTS = [
  { id: 'newIncident', group: 'global', combos: ['$mod+KeyN'] },
  { id: 'palette', group: 'global', combos: ['$mod+KeyK'] },
  { id: 'search', group: 'global', combos: [], keys: ['/'] },
  { id: 'help', group: 'global', combos: ['$mod+Slash'], keys: ['?'] },
  ...AREA_KEYS.map((area, i) => ({
    id: `area${i + 1}`,
    group: 'navigation' as const,
    combos: [`Alt+Digit${i + 1}`],
    inTextFields: true,
    label: 'do.area',
    params: { area },
  })),
  { id: 'rowPrevious', group: 'lists', combos: ['ArrowUp'] },
  { id: 'rowNext', group: 'lists', combos: ['ArrowDown'] },
  { id: 'rowPageUp', group: 'lists', combos: ['PageUp'] },
  { id: 'rowPageDown', group: 'lists', combos: ['PageDown'] },
  { id: 'rowFirst', group: 'lists', combos: ['Home'] },
  { id: 'rowLast', group: 'lists', combos: ['End'] },
  { id: 'pick', group: 'forms', combos: ['Enter'], inTextFields: true },
  { id: 'cancel', group: 'forms', combos: ['Escape'], inTextFields: true },
] as const satisfies readonly ShortcutDef[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

const BY_ID = new Map<string, ShortcutDef>(SHORTCUTS.map((s) => [s.id, s]));

export function shortcut(id: ShortcutId): ShortcutDef {
  return BY_ID.get(id) as ShortcutDef;
}

/** The platform of this window: macOS writes and presses ⌘ where others use Ctrl. */
export function currentPlatform(): Platform {
  if (typeof navigator === 'undefined') return 'other';
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  const name = nav.userAgentData?.platform || nav.platform || nav.userAgent || '';
  return /mac|iphone|ipad/i.test(name) ? 'mac' : 'other';
}

/** True while an input method composes text (the key belongs to the IME). */
export function isComposing(e: Pick<KeyboardEvent, 'isComposing' | 'keyCode'>): boolean {
  return e.isComposing === true || e.keyCode === 229;
}

/** True when the element takes typed text (a shortcut without a modifier must not act there). */
export function isTextField(el: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

interface Combo {
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
  code: string;
}

function parseCombo(combo: string, platform: Platform): Combo {
  const parts = combo.split('+');
  const code = parts.pop() as string;
  const c: Combo = { ctrl: false, meta: false, alt: false, shift: false, code };
  for (const p of parts) {
    if (p === '$mod') {
      if (platform === 'mac') c.meta = true;
      else c.ctrl = true;
    } else if (p === 'Control') c.ctrl = true;
    else if (p === 'Meta') c.meta = true;
    else if (p === 'Alt') c.alt = true;
    else if (p === 'Shift') c.shift = true;
  }
  return c;
}

export type KeyEventLike = Pick<
  KeyboardEvent,
  'code' | 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing' | 'keyCode' | 'target'
>;

/** The physical key of an event; synthetic events without `code` fall back on `key`. */
function codeOf(e: Pick<KeyboardEvent, 'code' | 'key'>): string {
  if (e.code) return e.code === 'NumpadEnter' ? 'Enter' : e.code;
  const key = e.key ?? '';
  if (/^[a-z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^\d$/.test(key)) return `Digit${key}`;
  if (key === '/') return 'Slash';
  return key;
}

/** Does this key press trigger this shortcut? Never during IME composition. */
export function matches(e: KeyEventLike, def: ShortcutDef, platform: Platform = currentPlatform()): boolean {
  if (isComposing(e)) return false;
  const inText = isTextField(e.target);
  const code = codeOf(e);
  for (const text of def.combos) {
    const c = parseCombo(text, platform);
    if (code !== c.code) continue;
    if (e.ctrlKey !== c.ctrl || e.metaKey !== c.meta || e.altKey !== c.alt || e.shiftKey !== c.shift)
      continue;
    const plain = !c.ctrl && !c.meta;
    if (inText && plain && !c.alt && def.inTextFields !== true) continue;
    return true;
  }
  if (def.keys && !e.ctrlKey && !e.metaKey && !e.altKey && (!inText || def.inTextFields === true)) {
    if (def.keys.includes(e.key)) return true;
  }
  return false;
}

/** The first shortcut among `ids` that this key press triggers, or null. */
export function matchShortcut<I extends ShortcutId>(
  e: KeyEventLike,
  ids: readonly I[],
  platform: Platform = currentPlatform(),
): I | null {
  for (const id of ids) if (matches(e, shortcut(id), platform)) return id;
  return null;
}

/** Shorthand for one shortcut, for element key handlers (`onKeyDown`). */
export function is(
  e: KeyEventLike | { nativeEvent: KeyEventLike },
  id: ShortcutId,
  platform?: Platform,
): boolean {
  const native = 'nativeEvent' in e ? e.nativeEvent : e;
  return matches(native, shortcut(id), platform);
}

const MAC_SYMBOLS: Record<string, string> = { $mod: '⌘', Control: '⌃', Meta: '⌘', Alt: '⌥', Shift: '⇧' };
const OTHER_NAMES: Record<string, string> = {
  $mod: 'Ctrl',
  Control: 'Ctrl',
  Meta: 'Win',
  Alt: 'Alt',
  Shift: 'Shift',
};
const KEY_NAMES: Record<string, string> = {
  Slash: '/',
  Escape: 'Esc',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Enter: 'Enter',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
};

function keyName(code: string): string {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit\d$/.test(code)) return code.slice(5);
  return KEY_NAMES[code] ?? code;
}

/** A combination as the platform writes it: "⌘K" on a Mac, "Ctrl+K" elsewhere. */
export function formatCombo(combo: string, platform: Platform = currentPlatform()): string {
  const parts = combo.split('+');
  const code = parts.pop() as string;
  if (platform === 'mac') return parts.map((p) => MAC_SYMBOLS[p] ?? p).join('') + keyName(code);
  return [...parts.map((p) => OTHER_NAMES[p] ?? p), keyName(code)].join('+');
}

/** Every way to press a shortcut, formatted: e.g. ["Ctrl+K", "/"]. */
export function shortcutKeys(id: ShortcutId, platform: Platform = currentPlatform()): string[] {
  const def = shortcut(id);
  return [...def.combos.map((c) => formatCombo(c, platform)), ...(def.keys ?? [])];
}

/** The first way to press a shortcut, formatted: for hints ("⌘N", "Ctrl+N"). */
export function shortcutHint(id: ShortcutId, platform: Platform = currentPlatform()): string {
  return shortcutKeys(id, platform)[0] as string;
}
