// The one clock of the live views: a single timer, aligned to the wall-clock second, running
// only while something listens. A row that shows a countdown reads it with useNow() and
// re-renders each second; a list reads it through useNowSelector() with a selector that
// changes only when the list must change (a state threshold crossed), so the list itself does
// not re-render every second.
import { useCallback, useSyncExternalStore } from 'react';

type Listener = () => void;
const listeners = new Set<Listener>();
let timer: ReturnType<typeof setTimeout> | null = null;
let clock: () => number = () => Date.now();
let now = clock();

function schedule(): void {
  // Fire just after the next whole second, so every countdown turns over together.
  timer = setTimeout(tick, 1000 - (clock() % 1000) + 5);
}

function tick(): void {
  now = clock();
  for (const l of [...listeners]) l();
  if (listeners.size > 0) schedule();
  else timer = null;
}

export function subscribeNow(listener: Listener): () => void {
  listeners.add(listener);
  if (timer === null) schedule();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/** The clock's current value (ms); refreshed on each tick, or on read while nobody listens. */
export function getNow(): number {
  if (timer === null) {
    // Not ticking: catch up, to the second so that consecutive reads agree.
    const t = clock();
    if (t - now >= 1000 || t < now) now = t - (t % 1000);
  }
  return now;
}

/** The current time, re-rendering every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribeNow, getNow, getNow);
}

/**
 * A value derived from the clock, re-rendering only when it changes. The selector must return
 * a primitive (or a stable object) and may depend on props: list them in `deps` (checked by
 * react-hooks/exhaustive-deps at each call, like useEffect's: see eslint.config.js).
 */
export function useNowSelector<T>(select: (now: number) => T, deps: readonly unknown[]): T {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- forwards the caller's deps, checked at each call
  const get = useCallback(() => select(getNow()), deps);
  return useSyncExternalStore(subscribeNow, get, get);
}

/** Tests: replace the clock (a fixed or stepped time); null restores the real one. */
export function setClockForTests(fn: (() => number) | null): void {
  clock = fn ?? (() => Date.now());
  now = clock();
  if (timer !== null) {
    clearTimeout(timer);
    timer = null;
    if (listeners.size > 0) schedule();
  }
}

/** Tests: advance listeners to the clock's current value now. */
export function tickNowForTests(): void {
  now = clock();
  for (const l of [...listeners]) l();
}
