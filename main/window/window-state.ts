// The main window's size, position and maximized state, remembered per display: a laptop
// that is used docked and undocked gets its window back where it was on each screen. Pure
// choice and record functions (unit-tested) and a small JSON file in the profile.
import { readFile, writeFile, rename } from 'node:fs/promises';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  id: number;
  workArea: Rect;
}

const RectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200),
  height: z.number().int().min(150),
});
const SavedWindowSchema = z.object({ bounds: RectSchema, maximized: z.boolean() });
export const WindowStateSchema = z.object({
  version: z.literal(1),
  lastDisplay: z.string().nullable(),
  byDisplay: z.record(z.string(), SavedWindowSchema),
});
export type WindowState = z.infer<typeof WindowStateSchema>;
export type SavedWindow = z.infer<typeof SavedWindowSchema>;

export const EMPTY_WINDOW_STATE: WindowState = { version: 1, lastDisplay: null, byDisplay: {} };
export const DEFAULT_SIZE = { width: 1360, height: 860 };

/** Displays are named by their work area, which survives reconnection (ids may not). */
export function displayKey(display: DisplayLike): string {
  const a = display.workArea;
  return `${a.x},${a.y},${a.width}x${a.height}`;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Fits a rectangle inside a work area (smaller if it must be, then moved in). */
export function clampToArea(rect: Rect, area: Rect): Rect {
  const width = Math.min(rect.width, area.width);
  const height = Math.min(rect.height, area.height);
  const x = Math.min(Math.max(rect.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(rect.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

/**
 * Where to open the window: the state saved for the display used last, if it is still
 * connected; else the state saved for the primary display; else a default size centred on
 * the primary display. Always fully on a connected screen.
 */
export function chooseWindowPlacement(
  state: WindowState,
  displays: readonly DisplayLike[],
  primary: DisplayLike,
): { bounds: Rect; maximized: boolean } {
  const connected = new Map(displays.map((d) => [displayKey(d), d]));
  const candidates = [state.lastDisplay, displayKey(primary)].filter((k): k is string => k !== null);
  for (const key of candidates) {
    const saved = state.byDisplay[key];
    const display = connected.get(key);
    if (saved && display && overlap(saved.bounds, display.workArea) > 0) {
      return { bounds: clampToArea(saved.bounds, display.workArea), maximized: saved.maximized };
    }
  }
  const area = primary.workArea;
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  return {
    bounds: {
      x: area.x + Math.round((area.width - width) / 2),
      y: area.y + Math.round((area.height - height) / 2),
      width,
      height,
    },
    maximized: false,
  };
}

/** The state after the window was moved, resized, maximized or closed on `display`. */
export function recordWindowState(
  state: WindowState,
  display: DisplayLike,
  bounds: Rect,
  maximized: boolean,
): WindowState {
  const key = displayKey(display);
  const normal = {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.max(200, Math.round(bounds.width)),
    height: Math.max(150, Math.round(bounds.height)),
  };
  return {
    version: 1,
    lastDisplay: key,
    byDisplay: { ...state.byDisplay, [key]: { bounds: normal, maximized } },
  };
}

export async function loadWindowState(filePath: string): Promise<WindowState> {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(await readFile(filePath, 'utf8')));
    return parsed.success ? parsed.data : EMPTY_WINDOW_STATE;
  } catch {
    return EMPTY_WINDOW_STATE;
  }
}

export async function saveWindowState(filePath: string, state: WindowState): Promise<void> {
  const tmp = `${filePath}.tmp`;
  await writeFile(tmp, JSON.stringify(state), 'utf8');
  await rename(tmp, filePath);
}
