// What a simulated user does next: one mutation, chosen with a seeded PRNG from what the
// user's replica shows now (so an offline or stale replica makes changes that conflict on
// the server, as real users do). Covers every mutation a TAM or manager makes day to day.
import { randomUUID } from 'node:crypto';
import type { Incident, IncidentStatus, Request } from '../../../shared/model/entities';
import {
  INCIDENT_TRANSITIONS,
  REQUEST_WORKFLOWS,
  type Actor,
  type MutationName,
} from '../../../shared/mutations';
import type { ReplicaDb } from '../../../renderer/replica/db';
import { pick } from './scale';

export interface PlannedMutation {
  name: MutationName;
  args: Record<string, unknown>;
}

/** Ids of the rows a mutation creates (to check it took effect once, or not at all). */
export function createdRows(
  name: string,
  args: Record<string, unknown>,
): Array<{ entity: string; id: string }> {
  const s = (k: string) => args[k] as string;
  switch (name) {
    case 'incident.create':
      return [{ entity: 'incident', id: s('id') }];
    case 'timeline.append':
      return [{ entity: 'timelineEvent', id: s('id') }];
    case 'incident.setStatus':
    case 'incident.setSeverity':
    case 'incident.recordResponse':
      return [{ entity: 'timelineEvent', id: s('eventId') }];
    case 'request.create':
      return [{ entity: 'request', id: s('id') }];
    case 'report.logSent':
      return [
        { entity: 'report', id: s('id') },
        ...(args.eventId ? [{ entity: 'timelineEvent', id: s('eventId') }] : []),
      ];
    default:
      return [];
  }
}

const TEXTS = [
  'Scan engine stops after signature update',
  'Quarantine fills the disk',
  // User text with markup and SQL metacharacters travels like any other text.
  '<img src=x onerror=alert(1)> in the console',
  "O'Brien's laptop; DROP TABLE records; --",
  '定義ファイル更新後にスキャンが停止する',
];

const WEIGHTS: Array<[kind: string, weight: number]> = [
  ['incident.create', 10],
  ['timeline.append', 30],
  ['incident.setStatus', 14],
  ['incident.setSeverity', 8],
  ['incident.recordResponse', 12],
  ['request.create', 5],
  ['request.advance', 7],
  ['report.logSent', 5],
  ['healthCheck.recordFinding', 5],
  ['customer.update', 2],
];
const TOTAL = WEIGHTS.reduce((a, [, w]) => a + w, 0);

export async function planMutation(
  db: ReplicaDb,
  actor: Actor,
  random: () => number,
  now: Date,
): Promise<PlannedMutation | null> {
  let r = random() * TOTAL;
  let kind = WEIGHTS[0]![0];
  for (const [k, w] of WEIGHTS) {
    if (r < w) {
      kind = k;
      break;
    }
    r -= w;
  }
  const customers = await db.customers.toArray();
  if (customers.length === 0) return null;
  // One incident at random (by key: the replica grows to thousands of rows in the soak run).
  const incidentIds = (await db.incidents.toCollection().primaryKeys()) as string[];
  const incident: Incident | null =
    incidentIds.length > 0 ? ((await db.incidents.get(pick(random, incidentIds))) ?? null) : null;
  const text = `${pick(random, TEXTS)} #${Math.floor(random() * 1e6)}`;
  const iso = now.toISOString();

  switch (kind) {
    case 'incident.create':
      return {
        name: 'incident.create',
        args: {
          id: randomUUID(),
          customerId: pick(random, customers).id,
          title: text,
          severity: 1 + Math.floor(random() * 4),
          channel: pick(random, ['portal', 'phone', 'email', 'tam']),
          receivedAt: new Date(now.getTime() - Math.floor(random() * 3_600_000)).toISOString(),
          description: random() < 0.5 ? text : undefined,
        },
      };
    case 'timeline.append':
      if (!incident) return null;
      return {
        name: 'timeline.append',
        args: {
          id: randomUUID(),
          incidentId: incident.id,
          kind: pick(random, ['note', 'call', 'email', 'vendor_update']),
          at: iso,
          body: text,
          visibility: pick(random, ['internal', 'customer']),
        },
      };
    case 'incident.setStatus': {
      if (!incident) return null;
      const next = INCIDENT_TRANSITIONS[incident.status];
      return {
        name: 'incident.setStatus',
        args: {
          incidentId: incident.id,
          from: incident.status,
          to: pick(random, next) as IncidentStatus,
          eventId: randomUUID(),
          note: text,
        },
      };
    }
    case 'incident.setSeverity':
      if (!incident) return null;
      return {
        name: 'incident.setSeverity',
        args: {
          incidentId: incident.id,
          severity: 1 + Math.floor(random() * 4),
          eventId: randomUUID(),
          reason: text,
        },
      };
    case 'incident.recordResponse':
      if (!incident) return null;
      return {
        name: 'incident.recordResponse',
        args: {
          incidentId: incident.id,
          eventId: randomUUID(),
          at: iso,
          body: text,
          isAnswer: random() < 0.6,
        },
      };
    case 'request.create':
      return {
        name: 'request.create',
        args: {
          id: randomUUID(),
          customerId: pick(random, customers).id,
          type: 'signature_release',
          title: text,
          product: 'Endpoint Security',
          productVersion: '12.1',
          ...(incident && random() < 0.3 ? { incidentId: incident.id } : {}),
        },
      };
    case 'request.advance': {
      const requests: Request[] = await db.requests.toArray();
      if (requests.length === 0) return null;
      const req = pick(random, requests);
      const next = REQUEST_WORKFLOWS[req.type][req.stage] ?? [];
      if (next.length === 0) return null;
      return {
        name: 'request.advance',
        args: { requestId: req.id, from: req.stage, to: pick(random, next), note: text },
      };
    }
    case 'report.logSent': {
      const about = incident && random() < 0.5 ? incident : null;
      return {
        name: 'report.logSent',
        args: {
          id: randomUUID(),
          customerId: about ? about.customerId : pick(random, customers).id,
          kind: 'custom',
          periodStart: '2026-01-01',
          periodEnd: '2026-03-31',
          sentAt: iso,
          via: pick(random, ['email', 'phone']),
          ...(about ? { incidentId: about.id, eventId: randomUUID() } : {}),
          note: text,
        },
      };
    }
    case 'healthCheck.recordFinding': {
      const checks = (await db.healthChecks.toArray()).filter((h) => h.status === 'scheduled');
      if (checks.length === 0) return null;
      const check = pick(random, checks);
      const existing =
        check.findings.length > 0 && random() < 0.3 ? pick(random, check.findings).id : randomUUID();
      return {
        name: 'healthCheck.recordFinding',
        args: {
          healthCheckId: check.id,
          findingId: existing,
          area: 'Scan policy',
          finding: text,
          severity: pick(random, ['info', 'low', 'medium', 'high', 'critical']),
          recommendation: 'Apply the recommended setting',
          status: pick(random, ['open', 'accepted', 'resolved', 'wont_fix']),
        },
      };
    }
    case 'customer.update': {
      const customer = pick(random, customers);
      if (actor.role === 'manager') {
        // Managers move the backup TAM, which moves customers in and out of a TAM's scope.
        const tams = (await db.users.toArray()).filter(
          (u) => u.role === 'tam' && u.team === actor.team && u.id !== customer.tamId,
        );
        const backup = customer.backupTamId === null && tams.length > 0 ? pick(random, tams).id : null;
        return { name: 'customer.update', args: { customerId: customer.id, patch: { backupTamId: backup } } };
      }
      return {
        name: 'customer.update',
        args: {
          customerId: customer.id,
          patch: { nameLatin: `${customer.nameLatin.split(' #')[0]} #${Math.floor(random() * 100)}` },
        },
      };
    }
    default:
      return null;
  }
}
