// The four contract levels, and per-level counters that always carry every level (zeros included).
import type { Severity } from '../model/entities';

export const SEVERITIES: readonly Severity[] = [1, 2, 3, 4];

export type BySeverity<T> = Record<Severity, T>;

export function bySeverity<T>(make: (severity: Severity) => T): BySeverity<T> {
  return { 1: make(1), 2: make(2), 3: make(3), 4: make(4) };
}

export const zeroCounts = (): BySeverity<number> => bySeverity(() => 0);
