import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseWindowPlacement,
  clampToArea,
  displayKey,
  EMPTY_WINDOW_STATE,
  loadWindowState,
  recordWindowState,
  saveWindowState,
  type DisplayLike,
} from './window-state';

const laptop: DisplayLike = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 875 } };
const monitor: DisplayLike = { id: 7, workArea: { x: 1440, y: 0, width: 2560, height: 1415 } };

describe('window placement per display', () => {
  it('opens centred at the default size the first time', () => {
    expect(chooseWindowPlacement(EMPTY_WINDOW_STATE, [laptop], laptop)).toEqual({
      bounds: { x: 40, y: 8, width: 1360, height: 860 },
      maximized: false,
    });
    const small: DisplayLike = { id: 2, workArea: { x: 0, y: 0, width: 1024, height: 700 } };
    expect(chooseWindowPlacement(EMPTY_WINDOW_STATE, [small], small).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1024,
      height: 700,
    });
  });

  it('reopens where it was on the display used last, maximized or not', () => {
    let state = recordWindowState(
      EMPTY_WINDOW_STATE,
      laptop,
      { x: 10, y: 20, width: 1000, height: 700 },
      false,
    );
    state = recordWindowState(state, monitor, { x: 1600, y: 100, width: 1800, height: 1200 }, true);
    expect(chooseWindowPlacement(state, [laptop, monitor], laptop)).toEqual({
      bounds: { x: 1600, y: 100, width: 1800, height: 1200 },
      maximized: true,
    });
    // Undocked: the monitor is gone, so the laptop's own placement comes back.
    expect(chooseWindowPlacement(state, [laptop], laptop)).toEqual({
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('never opens off screen', () => {
    const state = recordWindowState(
      EMPTY_WINDOW_STATE,
      laptop,
      { x: 1300, y: 800, width: 1000, height: 700 },
      false,
    );
    const placed = chooseWindowPlacement(state, [laptop], laptop).bounds;
    expect(placed.x + placed.width).toBeLessThanOrEqual(1440);
    expect(placed.y + placed.height).toBeLessThanOrEqual(875);
    expect(clampToArea({ x: -500, y: -500, width: 5000, height: 300 }, laptop.workArea)).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 300,
    });
  });

  it('names displays by their work area', () => {
    expect(displayKey(monitor)).toBe('1440,0,2560x1415');
  });
});

describe('window state file', () => {
  it('round-trips, and falls back to nothing on a missing or damaged file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tam-window-'));
    try {
      const file = path.join(dir, 'window-state.json');
      expect(await loadWindowState(file)).toEqual(EMPTY_WINDOW_STATE);
      const state = recordWindowState(
        EMPTY_WINDOW_STATE,
        laptop,
        { x: 10, y: 20, width: 1000, height: 700 },
        true,
      );
      await saveWindowState(file, state);
      expect(await loadWindowState(file)).toEqual(state);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(state);
      await writeFile(file, '{"version":1,"lastDisplay":3');
      expect(await loadWindowState(file)).toEqual(EMPTY_WINDOW_STATE);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
