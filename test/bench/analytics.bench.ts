// Chart data for one customer with 10,000 incidents: time per chart function (target ≤ 300 ms).
// Run with `npx tsx test/bench/analytics.bench.ts`. The data are generated deterministically,
// so runs are comparable. Prints the first (cold) call and the median of the warm calls.
import {
  customerCharts,
  incidentsBySeverityPerMonth,
  openBacklog,
  requestsByStage,
  responsesPerMonth,
  responseTimeDistribution,
  slaResults,
} from '../../shared/analytics/index';
import type {
  Channel,
  Customer,
  Incident,
  Request,
  RequestStage,
  Severity,
} from '../../shared/model/entities';

const INCIDENTS = 10_000;
const REQUESTS = 500;
const WARM_RUNS = 7;
const TARGET_MS = 300;

// xorshift32: deterministic pseudo-random numbers.
let seed = 0x5eed1234;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const iso = (ms: number) => new Date(ms).toISOString();

const TAM = uuid(1);
const customer: Customer = {
  id: uuid(2),
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  deleted: false,
  nameJa: '株式会社ベンチ',
  nameLatin: 'Bench Corporation',
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa-enterprise',
  contractStart: '2025-04-01',
  contractEnd: '2027-03-31',
  calendar: {
    timeZone: 'Asia/Tokyo',
    country: 'JP',
    closures: ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02', '2026-01-03'],
  },
  tamId: TAM,
  backupTamId: null,
  team: 'Tokyo',
};

const MIN = 60_000;
const start = Date.parse('2025-04-01T00:00:00+09:00');
const now = Date.parse('2026-04-01T00:00:00+09:00');
const channels: Channel[] = ['portal', 'phone', 'email', 'tam'];
const severities: Severity[] = [1, 2, 2, 3, 3, 3, 4, 4];

const incidents: Incident[] = [];
for (let i = 0; i < INCIDENTS; i++) {
  const received = start + Math.floor(random() * (now - start - 60 * MIN));
  const severity = pick(severities);
  const answered =
    random() < 0.95 ? Math.min(now, received + Math.floor(random() * 3 * 24 * 60) * MIN) : null;
  const resolved =
    answered !== null && random() < 0.85
      ? Math.min(now, answered + Math.floor(random() * 14 * 24 * 60) * MIN)
      : null;
  const history = [{ severity, at: iso(received), by: TAM }];
  let current = severity;
  if (random() < 0.1) {
    current = pick(severities);
    const changeAt = received + Math.floor(random() * 60) * MIN;
    if (answered === null || changeAt < answered)
      history.push({ severity: current, at: iso(changeAt), by: TAM });
    else current = severity;
  }
  incidents.push({
    id: uuid(1000 + i),
    version: 1,
    updatedAt: iso(resolved ?? answered ?? received),
    deleted: false,
    customerId: customer.id,
    title: `Incident ${i}`,
    description: '',
    severity: current,
    channel: pick(channels),
    status: resolved !== null ? 'resolved' : answered !== null ? 'in_progress' : 'new',
    receivedAt: iso(received),
    firstResponseAt: answered === null ? null : iso(answered),
    resolvedAt: resolved === null ? null : iso(resolved),
    severityHistory: history,
    createdBy: TAM,
  });
}

const signatureStages: RequestStage[] = [
  'submitted',
  'in_analysis',
  'release_scheduled',
  'released',
  'customer_notified',
];
const patchStages: RequestStage[] = ['requested', 'accepted', 'in_development', 'delivered'];
const requests: Request[] = [];
for (let i = 0; i < REQUESTS; i++) {
  const type = random() < 0.7 ? 'signature_release' : 'private_patch';
  const stages = type === 'signature_release' ? signatureStages : patchStages;
  const reached = 1 + Math.floor(random() * stages.length);
  let at = start + Math.floor(random() * (now - start - 30 * 24 * 60 * MIN));
  const stageHistory = stages.slice(0, reached).map((stage) => {
    at += Math.floor(random() * 3 * 24 * 60) * MIN;
    return { stage, at: iso(at), by: TAM, note: null };
  });
  requests.push({
    id: uuid(100_000 + i),
    version: 1,
    updatedAt: iso(at),
    deleted: false,
    customerId: customer.id,
    type,
    stage: (stageHistory[stageHistory.length - 1] as { stage: RequestStage }).stage,
    title: `Request ${i}`,
    description: '',
    product: 'Endpoint Security',
    productVersion: '12.1',
    incidentId: null,
    priority: 'prioritised',
    stageHistory,
    createdBy: TAM,
  });
}

const input = { customer, incidents, period: { from: '2025-04-01', to: '2026-04-01' }, now: iso(now) };

/** Wall-clock and CPU ms of one call (CPU time is the steadier figure on a busy machine). */
function time(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

const cases: Array<[string, () => unknown]> = [
  ['incidentsBySeverityPerMonth', () => incidentsBySeverityPerMonth(input)],
  ['responsesPerMonth', () => responsesPerMonth(input)],
  ['slaResults', () => slaResults(input)],
  ['responseTimeDistribution', () => responseTimeDistribution(input)],
  ['openBacklog (day)', () => openBacklog({ ...input, granularity: 'day' })],
  ['openBacklog (week)', () => openBacklog({ ...input, granularity: 'week' })],
  [
    `requestsByStage (${REQUESTS} requests)`,
    () => requestsByStage({ customer, requests, period: input.period, now: input.now }),
  ],
  [
    'customerCharts (all series, one pass)',
    () => customerCharts({ ...input, requests, backlogGranularity: 'week' }),
  ],
];

console.log(
  `Analytics chart data: ${INCIDENTS.toLocaleString('en')} incidents of one customer over 12 months (target ≤ ${TARGET_MS} ms)`,
);
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;
let worst = 0;
for (const [name, fn] of cases) {
  const cold = time(fn);
  const warm = Array.from({ length: WARM_RUNS }, () => time(fn));
  const wall = median(warm.map((w) => w.wall));
  const cpu = median(warm.map((w) => w.cpu));
  worst = Math.max(worst, wall);
  console.log(
    `${name.padEnd(40)} first ${ms(cold.wall)} (cpu ${ms(cold.cpu)})   median ${ms(wall)} (cpu ${ms(cpu)})`,
  );
}
console.log(
  worst <= TARGET_MS
    ? `All within ${TARGET_MS} ms (warm median).`
    : `Slowest warm median ${worst.toFixed(1)} ms exceeds ${TARGET_MS} ms.`,
);
