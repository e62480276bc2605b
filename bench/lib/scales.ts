// The data sets of the benchmark, all produced by the server's deterministic generator
// (server/seed/generate.ts). Each scale is the SCOPE of one user: the TAM scale is one TAM's
// accounts, the manager scale one manager's team (the generator's customers-per-TAM and
// TAMs-per-manager are set so that this user sees every generated customer).
import type { ScaleOptions } from '../../server/seed/generate';

export type ScaleKey = 'tam' | 'manager' | 'server';

export interface ScaleDef {
  key: ScaleKey;
  label: string;
  options: Required<
    Pick<ScaleOptions, 'customers' | 'incidents' | 'events' | 'seed' | 'customersPerTam' | 'tamsPerManager'>
  >;
  /** The user whose first sync is measured, and the timeline mode the app gives that role. */
  user: { email: string; role: 'tam' | 'manager'; timelines: 'all' | 'open-only' };
}

export const PASSWORD = 'scale';

export const SCALES: Record<ScaleKey, ScaleDef> = {
  tam: {
    key: 'tam',
    label: 'TAM: 40 customers, 5,000 incidents, 50,000 timeline events',
    options: {
      customers: 40,
      incidents: 5_000,
      events: 50_000,
      seed: 1,
      customersPerTam: 40,
      tamsPerManager: 8,
    },
    user: { email: 'tam1@scale.example.com', role: 'tam', timelines: 'all' },
  },
  manager: {
    key: 'manager',
    label: 'manager: 500 customers, 100,000 incidents, 1,000,000 timeline events',
    // 25 TAMs of 20 customers, all in one team: manager1 sees all 500 customers.
    options: {
      customers: 500,
      incidents: 100_000,
      events: 1_000_000,
      seed: 1,
      customersPerTam: 20,
      tamsPerManager: 25,
    },
    user: { email: 'manager1@scale.example.com', role: 'manager', timelines: 'open-only' },
  },
  // The central server's data for the load test: 10 TAMs of 20 customers each, so that each
  // client's scope is a tenth of the rows (the server must find them among the others).
  server: {
    key: 'server',
    label: 'server load: 200 customers (10 TAMs), 20,000 incidents, 200,000 timeline events',
    options: {
      customers: 200,
      incidents: 20_000,
      events: 200_000,
      seed: 3,
      customersPerTam: 20,
      tamsPerManager: 10,
    },
    user: { email: 'tam1@scale.example.com', role: 'tam', timelines: 'all' },
  },
};
