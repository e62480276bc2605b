// Sync under faults (see support/fault-run.ts): three real sync engines, a fault-injecting
// proxy, the API killed and restarted on the same database file. `npm test` runs 1,200
// mutations; `npm run test:soak` runs 10,000.
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from './fault-proxy';
import { runFaultScenario } from './support/fault-run';
import { RUN_SEED, SCALE } from './support/scale';
import { recordFigures } from './support/figures';

describe(`sync under faults (${SCALE.label})`, () => {
  it(`${SCALE.faultMutations} mutations by three clients: replicas equal the server, nothing lost or applied twice`, async () => {
    const result = await runFaultScenario({
      mutations: SCALE.faultMutations,
      restarts: SCALE.restarts,
      seed: RUN_SEED,
      log: (line) => console.log(`[faults] ${line}`),
    });
    const lines = [
      `sync under faults, seed ${result.seed} (replay: RELIABILITY_SEED=${result.seed}), ${(result.ms / 1000).toFixed(1)} s`,
      `  requests through the proxy: ${result.requests}, delivered to the API: ${result.deliveries}`,
      `  faults injected: ${result.faultsTotal} (${FAULT_KINDS.map((k) => `${k} ${result.faults[k]}`).join(', ')})`,
      `  API restarts: ${result.restarts.sigkill} SIGKILL + ${result.restarts.sigterm} SIGTERM; 502 while it was down: ${result.upstreamDown}`,
      `  sync cycles: ${result.syncCycles.ok} ok, ${result.syncCycles.failed} failed and retried`,
      `  mutations: ${result.mutations} (${result.offlineMutations} made offline); applied ${result.applied}, rejected ${result.rejected} (${
        Object.entries(result.rejectedByCode)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      })`,
      `  lost ${result.lost}, duplicated ${result.duplicated}, replica mismatches ${result.replicaMismatches}`,
      `  attachments: ${result.uploads.files} files uploaded under the faults, ${result.uploads.verified} verified once with their hash; the uploader stopped mid-upload and built again ${result.uploads.uploaderRestarts} times`,
    ];
    console.log(lines.join('\n'));
    recordFigures('faults', { ...result, problems: result.problems.slice(0, 20) });
    expect(result.problems, result.problems.join('\n')).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.replicaMismatches).toBe(0);
    expect(result.unexpectedServerExits).toBe(0);
    expect(result.uploads.files).toBeGreaterThan(0);
    expect(result.uploads.verified).toBe(result.uploads.files);
    // Each TAM's uploader was stopped mid-upload at least once (the run reports it otherwise).
    expect(result.uploads.uploaderRestarts).toBeGreaterThanOrEqual(2);
    expect(result.applied + result.rejected).toBe(result.mutations);
    // The run must actually have been hostile: every kind of fault, and restarts.
    for (const kind of FAULT_KINDS) expect(result.faults[kind], kind).toBeGreaterThan(0);
    expect(result.restarts.sigkill + result.restarts.sigterm).toBe(SCALE.restarts);
    expect(result.mutations).toBeGreaterThanOrEqual(SCALE.faultMutations);
    expect(result.offlineMutations).toBeGreaterThan(0);
  });

  it('the checks catch a lost change, a change applied twice and a replica that differs', async () => {
    const result = await runFaultScenario({
      mutations: 45,
      restarts: 0,
      seed: RUN_SEED,
      rates: {},
      sabotage: true,
    });
    expect(result.lost).toBeGreaterThanOrEqual(1);
    expect(result.duplicated).toBeGreaterThanOrEqual(1);
    expect(result.replicaMismatches).toBeGreaterThanOrEqual(1);
    expect(result.problems.length).toBeGreaterThan(0);
  });
});
