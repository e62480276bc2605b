// The server load test: N concurrent clients on loopback, each its own replica (client id),
// pulling 1,000-row pages (a bootstrap of its TAM's scope, over and over) or pushing batches
// of 100 mutations. Closed loop, no think time. Every phase is bounded in requests and in time
// and stops by itself; a request that takes longer than the request timeout counts as an error.
import { randomUUID } from 'node:crypto';

export interface LatencyStats {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Completed requests per second of the phase. */
  perSecond: number;
  /** Rows (pull) or mutations (push) per second of the phase. */
  itemsPerSecond: number;
  durationMs: number;
  firstError?: string;
}

export interface LoadResult {
  clients: number;
  single: { pull: LatencyStats; push: LatencyStats };
  pull: LatencyStats;
  push: LatencyStats;
}

export interface LoadOptions {
  origin: string;
  emails: string[];
  password: string;
  clients: number;
  pullPerClient: number;
  pushPerClient: number;
  phaseMs: number;
  requestTimeoutMs: number;
  mutationsPerPush: number;
}

export function stats(
  latencies: number[],
  errors: number,
  durationMs: number,
  items: number,
  firstError?: string,
): LatencyStats {
  const s = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => (s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: s.length,
    errors,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(s[s.length - 1] ?? NaN),
    mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
    perSecond: round((1000 * s.length) / durationMs),
    itemsPerSecond: Math.round((1000 * items) / durationMs),
    durationMs: Math.round(durationMs),
    ...(firstError ? { firstError } : {}),
  };
}

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

async function post(
  origin: string,
  path: string,
  token: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, text: await res.text() };
}

export async function login(origin: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

interface Client {
  token: string;
  incidents: Array<{ id: string; receivedAt: string }>;
}

/** Runs `clients` loops of `step` until each made `perClient` requests or the phase time is up. */
async function phase(
  clients: number,
  perClient: number,
  phaseMs: number,
  step: (client: number, n: number) => Promise<{ ok: boolean; items: number; error?: string }>,
): Promise<LatencyStats> {
  const latencies: number[] = [];
  let errors = 0;
  let items = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + phaseMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let n = 0; n < perClient && performance.now() < deadline; n++) {
        const t0 = performance.now();
        try {
          const r = await step(c, n);
          if (r.ok) {
            latencies.push(performance.now() - t0);
            items += r.items;
          } else {
            errors++;
            firstError ??= r.error;
          }
        } catch (err) {
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  return stats(latencies, errors, performance.now() - started, items, firstError);
}

export async function serverLoad(options: LoadOptions): Promise<LoadResult> {
  const { origin, clients } = options;
  // Sign-in once per user (scrypt is deliberately slow; it is not what is measured).
  const users: Client[] = [];
  for (const email of options.emails) {
    const token = await login(origin, email, options.password);
    // The incidents of this user's scope, for the mutations.
    const incidents: Client['incidents'] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5 && incidents.length < 200; page++) {
      const r = await post(
        origin,
        '/v1/sync/pull',
        token,
        { clientId: `setup-${randomUUID()}`, cursor, limit: 1000 },
        60_000,
      );
      const body = JSON.parse(r.text) as {
        changes: Array<{ entity: string; data?: { id: string; receivedAt: string } }>;
        cursor: string;
        hasMore: boolean;
      };
      for (const c of body.changes)
        if (c.entity === 'incident' && c.data)
          incidents.push({ id: c.data.id, receivedAt: c.data.receivedAt });
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    if (incidents.length === 0) throw new Error(`no incidents in the scope of ${email}`);
    users.push({ token, incidents });
  }
  const userOf = (c: number) => users[c % users.length]!;
  const run = randomUUID().slice(0, 8);

  let generation = 0;
  const pullState: Array<{ clientId: string; cursor: string | null }> = [];
  const pullStep = async (c: number) => {
    pullState[c] ??= { clientId: `pull-${run}-${generation}-${c}`, cursor: null };
    const s = pullState[c]!;
    const r = await post(
      origin,
      '/v1/sync/pull',
      userOf(c).token,
      { clientId: s.clientId, cursor: s.cursor, limit: 1000 },
      options.requestTimeoutMs,
    );
    if (r.status !== 200)
      return { ok: false, items: 0, error: `pull HTTP ${r.status}: ${r.text.slice(0, 200)}` };
    const at = r.text.lastIndexOf('"cursor":"');
    const end = r.text.indexOf('"', at + 10);
    const hasMore = r.text.endsWith('"hasMore":true}');
    s.cursor = hasMore ? r.text.slice(at + 10, end) : null;
    return { ok: true, items: countOccurrences(r.text, '"op":"') };
  };

  const pushState: Array<{ clientId: string; next: number; cursor: number }> = [];
  const pushStep = async (c: number) => {
    pushState[c] ??= { clientId: `push-${run}-${generation}-${c}`, next: 1, cursor: 0 };
    const s = pushState[c]!;
    const user = userOf(c);
    const at = new Date().toISOString();
    const mutations = Array.from({ length: options.mutationsPerPush }, () => {
      const incident = user.incidents[s.cursor++ % user.incidents.length]!;
      return {
        id: s.next++,
        name: 'timeline.append',
        args: {
          id: randomUUID(),
          incidentId: incident.id,
          kind: 'note',
          at,
          body: 'Load test: checked the logs with the customer.',
          visibility: 'internal',
        },
      };
    });
    const r = await post(
      origin,
      '/v1/sync/push',
      user.token,
      { clientId: s.clientId, mutations },
      options.requestTimeoutMs,
    );
    if (r.status !== 200)
      return { ok: false, items: 0, error: `push HTTP ${r.status}: ${r.text.slice(0, 200)}` };
    const applied = countOccurrences(r.text, '"status":"applied"');
    if (applied !== mutations.length)
      return {
        ok: false,
        items: applied,
        error: `push: ${applied} of ${mutations.length} applied: ${r.text.slice(0, 300)}`,
      };
    return { ok: true, items: applied };
  };

  // Warm-up (JIT, caches), not recorded.
  await phase(Math.min(clients, 5), 2, 10_000, pullStep);
  pullState.length = 0;
  generation++;
  const singlePull = await phase(1, 20, options.phaseMs, pullStep);
  pullState.length = 0;
  generation++;
  const singlePush = await phase(1, 5, options.phaseMs, pushStep);
  pushState.length = 0;
  generation++;
  const pull = await phase(clients, options.pullPerClient, options.phaseMs, pullStep);
  const push = await phase(clients, options.pushPerClient, options.phaseMs, pushStep);
  return { clients, single: { pull: singlePull, push: singlePush }, pull, push };
}
