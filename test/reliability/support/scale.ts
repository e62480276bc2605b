// How big each reliability suite runs. `npm test` runs the fast versions (a couple of minutes
// on a 2-core machine, all suites together); `npm run test:soak` sets RELIABILITY_SOAK=1 for
// the long ones (10,000 mutations under faults, more hostile inputs).
export const SOAK = process.env.RELIABILITY_SOAK === '1';

export const SCALE = SOAK
  ? {
      /** Mutations made by the three clients together in the fault run. */
      faultMutations: 10_000,
      /** Server restarts during the fault run (alternating SIGKILL and SIGTERM). */
      restarts: 6,
      /** fast-check runs per endpoint / per mutation in the hostile-input suite. */
      hostileRuns: 150,
      label: 'soak',
    }
  : {
      faultMutations: 1_200,
      restarts: 2,
      hostileRuns: 40,
      label: 'fast',
    };

/** A seed for every pseudo-random choice of a run, printed so that a failure can be replayed. */
export const RUN_SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 2_147_483_647);

/** Mulberry32: a small seeded PRNG (deterministic given the seed). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(random() * items.length)]!;
}
