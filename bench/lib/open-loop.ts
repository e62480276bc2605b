// The open-loop server load: N clients, each sending a request every `intervalMs` on average
// (Poisson arrivals: the sum of N independent clients is one Poisson process of rate
// N / interval, each arrival from a client drawn at random), most of them delta pulls from the
// client's own cursor and a share small pushes (one timeline note), while event streams are
// held open and receive the pokes those pushes cause. Requests are sent when they are due,
// whether or not earlier ones have returned (open loop: a slow server does not slow the
// arrivals down, so queueing shows in the latencies, as it would for real clients).
// Each phase adds 0, 1 or 2 concurrent bootstraps: clients downloading the largest scope (the
// manager's) page after page, over and over, gzip accepted as the app's fetch does.
import { randomUUID } from 'node:crypto';
import { login, stats, type LatencyStats } from './load';

export interface OpenLoopOptions {
  origin: string;
  /** The TAMs whose clients make the delta traffic (client i belongs to emails[i % n]). */
  emails: string[];
  /** The user whose scope the concurrent bootstraps download. */
  bootstrapEmail: string;
  password: string;
  clients: number;
  /** Mean time between two requests of one client (30 s). */
  intervalMs: number;
  /** Share of the arrivals that are pushes (the rest are delta pulls). */
  pushShare: number;
  /** Event streams held open during the phases (they receive the pokes). */
  streams: number;
  /** The concurrent bootstraps of each phase, e.g. [0, 1, 2]. */
  bootstraps: number[];
  /** Recorded time of each phase; before it, `warmupMs` of the same load, not recorded. */
  phaseMs: number;
  warmupMs: number;
  requestTimeoutMs: number;
}

export interface OpenLoopPhase {
  bootstraps: number;
  pull: LatencyStats;
  push: LatencyStats;
  /** Requests per second offered (scheduled) during the recorded time. */
  offeredPerSecond: number;
  /** Bootstrap pages and rows served during the recorded time. */
  bootstrapPages: number;
  bootstrapRows: number;
  /** Pokes received on the event streams during the recorded time. */
  pokes: number;
  /** The arrival generator's own lateness (ms, p99): how late a request left the client. */
  senderLagP99: number;
}

export interface OpenLoopResult {
  clients: number;
  ratePerSecond: number;
  phases: OpenLoopPhase[];
}

interface User {
  token: string;
  /** A cursor at the head of the user's scope (every client of the user starts from it). */
  head: string;
  incidents: string[];
}

interface ClientState {
  user: User;
  clientId: string;
  cursor: string;
  nextMutation: number;
  /** A push in flight: the client's next push waits for it (mutation ids must increase). */
  pushing: boolean;
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

const cursorOf = (text: string): string => {
  const at = text.lastIndexOf('"cursor":"');
  return text.slice(at + 10, text.indexOf('"', at + 10));
};
const hasMore = (text: string) => text.includes('"hasMore":true');

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export async function openLoopLoad(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { origin } = options;
  // Each TAM once: sign in (scrypt, not measured), download the scope to reach the head.
  const users: User[] = await Promise.all(
    options.emails.map(async (email) => {
      const token = await login(origin, email, options.password);
      const incidents: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 1000; page++) {
        const r = await post(
          origin,
          '/v1/sync/pull',
          token,
          { clientId: `open-setup-${randomUUID()}`, cursor, limit: 1000 },
          120_000,
        );
        if (r.status !== 200)
          throw new Error(`setup pull for ${email}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        if (incidents.length < 200) {
          const body = JSON.parse(r.text) as { changes: Array<{ entity: string; data?: { id: string } }> };
          for (const c of body.changes) if (c.entity === 'incident' && c.data) incidents.push(c.data.id);
        }
        cursor = cursorOf(r.text);
        if (!hasMore(r.text)) break;
      }
      if (incidents.length === 0) throw new Error(`no incidents in the scope of ${email}`);
      return { token, head: cursor!, incidents };
    }),
  );
  const bootToken = await login(origin, options.bootstrapEmail, options.password);
  const run = randomUUID().slice(0, 8);
  const clients: ClientState[] = Array.from({ length: options.clients }, (_, i) => {
    const user = users[i % users.length]!;
    return { user, clientId: `open-${run}-${i}`, cursor: user.head, nextMutation: 1, pushing: false };
  });

  // Event streams, spread over the users; pokes are counted while a phase records.
  let recording = false;
  let pokes = 0;
  const streamsAbort = new AbortController();
  const streams = Array.from({ length: options.streams }, async (_, i) => {
    try {
      const res = await fetch(`${origin}/v1/sync/events`, {
        headers: { authorization: `Bearer ${users[i % users.length]!.token}` },
        signal: streamsAbort.signal,
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        if (recording) pokes += count(decoder.decode(value, { stream: true }), 'event: poke');
      }
    } catch {
      // aborted at the end
    }
  });

  const ratePerSecond = options.clients / (options.intervalMs / 1000);
  const inflight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  const pullOnce = async (c: ClientState, into: number[] | null, errors: { n: number; first?: string }) => {
    const t0 = performance.now();
    try {
      const r = await post(
        origin,
        '/v1/sync/pull',
        c.user.token,
        { clientId: c.clientId, cursor: c.cursor, limit: 1000 },
        options.requestTimeoutMs,
      );
      if (r.status !== 200) throw new Error(`pull HTTP ${r.status}: ${r.text.slice(0, 200)}`);
      c.cursor = cursorOf(r.text);
      into?.push(performance.now() - t0);
    } catch (err) {
      if (into) {
        errors.n++;
        errors.first ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  const pushOnce = async (c: ClientState, into: number[] | null, errors: { n: number; first?: string }) => {
    const t0 = performance.now();
    const incident = c.user.incidents[c.nextMutation % c.user.incidents.length]!;
    try {
      const r = await post(
        origin,
        '/v1/sync/push',
        c.user.token,
        {
          clientId: c.clientId,
          mutations: [
            {
              id: c.nextMutation++,
              name: 'timeline.append',
              args: {
                id: randomUUID(),
                incidentId: incident,
                kind: 'note',
                at: new Date().toISOString(),
                body: 'Open-loop load: called the customer back.',
                visibility: 'internal',
              },
            },
          ],
        },
        options.requestTimeoutMs,
      );
      if (r.status !== 200 || !r.text.includes('"status":"applied"'))
        throw new Error(`push HTTP ${r.status}: ${r.text.slice(0, 200)}`);
      into?.push(performance.now() - t0);
    } catch (err) {
      if (into) {
        errors.n++;
        errors.first ??= err instanceof Error ? err.message : String(err);
      }
    }
  };

  // Every client has pulled once before (a client id is registered on its first pull, a
  // write that real clients made long ago): the phases measure the steady state.
  const noErrors = { n: 0 };
  for (let at = 0; at < clients.length; at += 16)
    await Promise.all(clients.slice(at, at + 16).map((c) => pullOnce(c, null, noErrors)));

  const phases: OpenLoopPhase[] = [];
  for (const b of options.bootstraps) {
    // The bootstraps: each downloads the scope from cursor null to the end, then again.
    let booting = true;
    let bootPages = 0;
    let bootRows = 0;
    const boots = Array.from({ length: b }, async (_, k) => {
      while (booting) {
        let cursor: string | null = null;
        const clientId = `open-boot-${run}-${k}-${randomUUID().slice(0, 8)}`;
        do {
          const r = await post(
            origin,
            '/v1/sync/pull',
            bootToken,
            { clientId, cursor, limit: 1000 },
            120_000,
          );
          if (r.status !== 200) throw new Error(`bootstrap pull: HTTP ${r.status} ${r.text.slice(0, 200)}`);
          if (recording) {
            bootPages++;
            bootRows += count(r.text, '"op":"');
          }
          cursor = hasMore(r.text) ? cursorOf(r.text) : null;
        } while (cursor !== null && booting);
      }
    });

    const pulls: number[] = [];
    const pushes: number[] = [];
    const pullErrors: { n: number; first?: string } = { n: 0 };
    const pushErrors: { n: number; first?: string } = { n: 0 };
    const lags: number[] = [];
    let offered = 0;
    const start = performance.now();
    const recordFrom = start + options.warmupMs;
    const end = recordFrom + options.phaseMs;
    let next = start;
    while (next < end) {
      next += (-Math.log(1 - Math.random()) * 1000) / ratePerSecond;
      const wait = next - performance.now();
      if (wait > 1) await sleep(wait);
      const now = performance.now();
      const rec = now >= recordFrom && now < end;
      if (rec && !recording) {
        recording = true;
        pokes = 0;
      }
      if (rec) {
        offered++;
        lags.push(now - next);
      }
      let client = clients[Math.floor(Math.random() * clients.length)]!;
      if (Math.random() < options.pushShare) {
        // A client pushes one batch at a time; a busy one's turn goes to the next client.
        for (let k = 0; client.pushing && k < clients.length; k++)
          client = clients[(clients.indexOf(client) + 1) % clients.length]!;
        client.pushing = true;
        const c = client;
        track(pushOnce(c, rec ? pushes : null, pushErrors).finally(() => (c.pushing = false)));
      } else track(pullOnce(client, rec ? pulls : null, pullErrors));
    }
    recording = false;
    const phasePokes = pokes;
    const recordedMs = options.phaseMs;
    booting = false;
    await Promise.all([...inflight]);
    await Promise.all(boots);
    lags.sort((x, y) => x - y);
    phases.push({
      bootstraps: b,
      pull: stats(pulls, pullErrors.n, recordedMs, 0, pullErrors.first),
      push: stats(pushes, pushErrors.n, recordedMs, 0, pushErrors.first),
      offeredPerSecond: Math.round((offered / recordedMs) * 10_000) / 10,
      bootstrapPages: bootPages,
      bootstrapRows: bootRows,
      pokes: phasePokes,
      senderLagP99: Math.round((lags[Math.floor(lags.length * 0.99)] ?? 0) * 10) / 10,
    });
  }
  streamsAbort.abort();
  await Promise.all(streams);
  return { clients: options.clients, ratePerSecond: Math.round(ratePerSecond * 10) / 10, phases };
}
