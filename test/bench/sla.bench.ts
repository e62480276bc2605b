// Response-SLA throughput: due times and states for 100,000 incidents over 50 calendars.
// Run with `npm run bench:sla`. Prints computations per second (cold pass, then warm passes),
// then the time of one business-time span of 10 years (the walk skips regular weeks).
import { businessTimeBetween, computeResponseSla } from '../../shared/sla/index';
import type { Calendar, Channel, ResponseSlaRequest, Severity } from '../../shared/sla/index';

const INCIDENTS = 100_000;
const CALENDARS = 50;

// Deterministic pseudo-random numbers, so runs are comparable.
let seed = 0x2f6b1a3c;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const places: Array<Pick<Calendar, 'timeZone' | 'country' | 'region'>> = [
  { timeZone: 'Asia/Tokyo', country: 'JP' },
  { timeZone: 'America/New_York', country: 'US' },
  { timeZone: 'Europe/Berlin', country: 'DE', region: 'BY' },
  { timeZone: 'Europe/London', country: 'GB' },
  { timeZone: 'Australia/Sydney', country: 'AU', region: 'NSW' },
  { timeZone: 'Asia/Kolkata', country: 'IN' },
  { timeZone: 'America/Sao_Paulo', country: 'BR' },
  { timeZone: 'Europe/Paris', country: 'FR' },
  { timeZone: 'America/Los_Angeles', country: 'US', region: 'CA' },
  { timeZone: 'Asia/Singapore', country: 'SG' },
];
const weeklies: Array<Calendar['weekly']> = [
  undefined,
  {
    mon: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    wed: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    thu: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    fri: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
  },
  {
    mon: [['08:30', '17:30']],
    tue: [['08:30', '17:30']],
    wed: [['08:30', '17:30']],
    thu: [['08:30', '17:30']],
    fri: [['08:30', '17:30']],
    sat: [['09:00', '13:00']],
  },
  {
    mon: [['00:00', '24:00']],
    tue: [['00:00', '24:00']],
    wed: [['00:00', '24:00']],
    thu: [['00:00', '24:00']],
    fri: [['00:00', '20:00']],
  },
  { mon: [['10:00', '16:00']], wed: [['10:00', '16:00']], fri: [['10:00', '16:00']] },
];

const calendars: Calendar[] = [];
for (let i = 0; i < CALENDARS; i++) {
  const place = places[i % places.length] as (typeof places)[number];
  const weekly = weeklies[Math.floor(i / places.length) % weeklies.length];
  calendars.push({
    ...place,
    ...(weekly === undefined ? {} : { weekly }),
    closures: i % 2 === 0 ? ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-02', '2027-01-03'] : [],
  });
}

const channels: Channel[] = ['portal', 'phone', 'email', 'tam'];
const start2026 = Date.parse('2026-01-01T00:00:00Z');
const inputs: ResponseSlaRequest[] = [];
for (let i = 0; i < INCIDENTS; i++) {
  const received = start2026 + Math.floor(random() * 365 * 24 * 60) * 60_000;
  const now = received + Math.floor(random() * 4 * 24 * 60) * 60_000;
  const input: ResponseSlaRequest = {
    receivedAt: new Date(received).toISOString(),
    severity: pick([1, 2, 3, 4] as Severity[]),
    channel: pick(channels),
    calendar: pick(calendars),
    now: new Date(now).toISOString(),
  };
  if (random() < 0.3)
    input.firstResponseAt = new Date(received + Math.floor(random() * (now - received))).toISOString();
  if (random() < 0.1)
    input.severityChanges = [
      { at: new Date(received + 60_000).toISOString(), severity: pick([1, 2, 3, 4] as Severity[]) },
    ];
  inputs.push(input);
}

interface Pass {
  /** Computations per wall-clock second. */
  perSecond: number;
  /** Computations per second of this process's CPU time: steadier when other work shares the cores. */
  perCpuSecond: number;
  checksum: number;
}

function pass(): Pass {
  let checksum = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const input of inputs) checksum += computeResponseSla(input).dueAt.length;
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    perSecond: INCIDENTS / seconds,
    perCpuSecond: INCIDENTS / ((cpu.user + cpu.system) / 1e6),
    checksum,
  };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const show = (label: string, p: Pass): void =>
  console.log(`${label}: ${fmt(p.perSecond)} computations/s (${fmt(p.perCpuSecond)} per CPU-second)`);

show('cold pass (builds zone tables, holiday sets, day caches)', pass());
const warm: Pass[] = [];
for (let run = 1; run <= 7; run++) {
  const p = pass();
  warm.push(p);
  show(`warm pass ${run}`, p);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
console.log(
  `SLA computations per second: ${fmt(median(warm.map((p) => p.perSecond)))} ` +
    `(median of warm passes; best ${fmt(Math.max(...warm.map((p) => p.perSecond)))}; ` +
    `${fmt(median(warm.map((p) => p.perCpuSecond)))} per CPU-second) - ` +
    `${INCIDENTS.toLocaleString('en-US')} incidents, ${CALENDARS} calendars`,
);

// One business-time span of 10 years per calendar, as an SLA of an incident received years ago
// would ask: the walk skips the stretches between holidays, closures and offset changes.
const SPAN_FROM = Date.parse('2026-11-26T01:23:45.678Z');
const SPAN_TO = SPAN_FROM + Math.round(10 * 365.2425 * 86_400_000);
const spanCalendars = calendars.slice(0, 10);
for (const c of spanCalendars) businessTimeBetween(c, SPAN_FROM, SPAN_TO); // cold: holiday sets, zone tables
let spanSteps = 0;
for (const c of spanCalendars) {
  const stats = { steps: 0 };
  businessTimeBetween(c, SPAN_FROM, SPAN_TO, stats);
  spanSteps += stats.steps;
}
const SPAN_ROUNDS = 200;
const spanT0 = performance.now();
for (let r = 0; r < SPAN_ROUNDS; r++)
  for (const c of spanCalendars) businessTimeBetween(c, SPAN_FROM, SPAN_TO);
const spanUs = ((performance.now() - spanT0) * 1000) / (SPAN_ROUNDS * spanCalendars.length);
console.log(
  `10-year business-time span: ${spanUs.toFixed(1)} µs per span (warm; mean of ${SPAN_ROUNDS} rounds over ` +
    `${spanCalendars.length} calendars; ${Math.round(spanSteps / spanCalendars.length)} walk steps per span on average)`,
);
