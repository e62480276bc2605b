// Replica fixtures: one IndexedDB database per schema version, with data and a non-empty
// outbox, kept as JSON in test/reliability/fixtures/replica-v<N>.json, so that every later
// version is tested on what an earlier app really left on a laptop.
//
//   npx tsx test/reliability/replica-fixtures.ts           writes the fixture of the current
//                                                          schema version if it is missing
//   npx tsx test/reliability/replica-fixtures.ts --force   rewrites it
//
// Workflow when the replica schema changes (renderer/replica/schema.ts): the fixture of the
// version being replaced is already committed; add the new version, generate its fixture
// with this script, and commit it. replica-upgrade.test.ts opens every fixture under the
// current schema and fails on any row that changed or disappeared, unless EXPECTED_CHANGES
// below says how the upgrade transforms it.
//
// The generator writes a database at version N with the schema of version N kept in the
// code (SCHEMA_VERSIONS up to N), through the app's own mutation path for the outbox.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type {
  Customer,
  EntityName,
  Incident,
  TaggedRow,
  TimelineEvent,
  User,
} from '../../shared/model/entities';
import type { Actor } from '../../shared/mutations';
import { ReplicaDb } from '../../renderer/replica/db';
import { mutateReplica } from '../../renderer/replica/mutate';
import { putRows } from '../../renderer/replica/port';
import { getEvent, type PackedTimeline } from '../../renderer/replica/timelines';
import {
  CURRENT_SCHEMA_VERSION,
  SCHEMA_VERSIONS,
  TABLE_OF,
  type SchemaVersion,
} from '../../renderer/replica/schema';
import { canonicalJson } from './support/db-checksum';

export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface ReplicaDump {
  /** The replica schema version the database was written with. */
  schemaVersion: number;
  /** Who the replica belongs to (to sign in and sync it in a test). */
  actor: Actor;
  email: string;
  /** Every table of that version: name → rows (with their keys). */
  tables: Record<string, unknown[]>;
}

/**
 * How an upgrade to a version is allowed to change what an earlier version stored: for a
 * row of `table` as stored before (in the dump `dump`), the row expected after (undefined:
 * unchanged; null: it is meant to go, or to move: see MOVED).
 */
export const EXPECTED_CHANGES: Record<number, (table: string, row: unknown, dump: ReplicaDump) => unknown> = {
  // Version 3 packs timeline events per incident: the per-event rows move into `timelines`
  // (checked by MOVED), and a timeline event's shadow names its incident.
  3: (table, row, dump) => {
    if (table === 'timelineEvents') return null;
    const s = row as { entity?: string; id?: string; row?: { incidentId?: string } | null };
    if (table === 'shadow' && s.entity === 'timelineEvent') {
      const event = (dump.tables.timelineEvents as TimelineEvent[] | undefined)?.find((e) => e.id === s.id);
      const parentId = event?.incidentId ?? s.row?.incidentId;
      return parentId === undefined ? undefined : { ...s, parentId };
    }
    return undefined;
  },
};

/**
 * Rows an upgrade moves to another table, from the version that moves them: where each must
 * be found after the upgrade, unchanged.
 */
export const MOVED: Record<
  number,
  { table: string; find: (db: ReplicaDb, row: unknown) => Promise<unknown> }
> = {
  3: {
    table: 'timelineEvents',
    find: (db, row) => getEvent(db, (row as TimelineEvent).id, (row as TimelineEvent).incidentId),
  },
};

export const fixtureFile = (version: number) => join(FIXTURE_DIR, `replica-v${version}.json`);

export function versionsUpTo(
  version: number,
  all: readonly SchemaVersion[] = SCHEMA_VERSIONS,
): SchemaVersion[] {
  return all.filter((v) => v.version <= version);
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T0 = '2026-03-02T01:00:00.000Z';
const NOW = '2026-03-03T02:00:00.000Z';
const env = (n: number, version: number) => ({ id: id(n), version, updatedAt: T0, deleted: false });

/** The synced rows every fixture holds: one or more of each entity, confirmed by the server. */
function syncedRows(): { rows: TaggedRow[]; actor: Actor; email: string } {
  const tam: User = {
    ...env(1, 1),
    name: 'TAM Fixture',
    email: 'tam-fixture@test.example',
    role: 'tam',
    team: 'X',
    locale: 'ja',
  };
  const manager: User = {
    ...env(2, 2),
    name: 'Manager Fixture',
    email: 'manager-fixture@test.example',
    role: 'manager',
    team: 'X',
    locale: 'en',
  };
  const customer: Customer = {
    ...env(10, 3),
    nameJa: '株式会社フィクスチャ',
    nameLatin: 'Fixture K.K.',
    contractTier: 'msa_enterprise',
    supportPolicyId: 'msa-enterprise',
    contractStart: '2025-04-01',
    contractEnd: '2028-03-31',
    calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
    tamId: tam.id,
    backupTamId: null,
    team: 'X',
  };
  const incident = (n: number, v: number, status: Incident['status']): Incident => ({
    ...env(n, v),
    customerId: customer.id,
    title: `Fixture incident ${n}`,
    description: 'From an earlier app version',
    severity: 2,
    channel: 'phone',
    status,
    receivedAt: T0,
    firstResponseAt: status === 'new' ? null : '2026-03-02T01:30:00.000Z',
    resolvedAt: status === 'closed' ? '2026-03-02T05:00:00.000Z' : null,
    severityHistory: [{ severity: 2, at: T0, by: tam.id }],
    createdBy: tam.id,
  });
  const open = incident(20, 4, 'new');
  const closed = incident(21, 5, 'closed');
  const event = (n: number, v: number, inc: Incident): TimelineEvent => ({
    ...env(n, v),
    incidentId: inc.id,
    customerId: customer.id,
    kind: 'note',
    at: '2026-03-02T02:00:00.000Z',
    authorId: tam.id,
    body: `note ${n}`,
    visibility: 'internal',
    isAnswer: false,
    meta: null,
  });
  const rows: TaggedRow[] = [
    { entity: 'user', row: tam },
    { entity: 'user', row: manager },
    {
      entity: 'absence',
      row: {
        ...env(3, 6),
        userId: tam.id,
        startDate: '2026-04-01',
        endDate: '2026-04-03',
        kind: 'leave',
        note: null,
      },
    },
    {
      entity: 'dutyShift',
      row: { ...env(4, 7), userId: manager.id, startsAt: T0, endsAt: '2026-03-09T01:00:00.000Z', note: null },
    },
    { entity: 'customer', row: customer },
    {
      entity: 'contact',
      row: {
        ...env(11, 8),
        customerId: customer.id,
        name: '山田 太郎',
        nameLatin: 'Yamada Taro',
        email: 'yamada@fixture.example',
        phone: null,
        role: 'IT',
        locale: 'ja',
        isPrimary: true,
      },
    },
    {
      entity: 'deployedProduct',
      row: {
        ...env(12, 9),
        customerId: customer.id,
        product: 'Endpoint Security',
        productVersion: '12.1',
        supportEndsOn: '2099-12-31',
      },
    },
    { entity: 'incident', row: open },
    { entity: 'incident', row: closed },
    { entity: 'timelineEvent', row: event(30, 10, open) },
    { entity: 'timelineEvent', row: event(31, 11, closed) },
    {
      entity: 'request',
      row: {
        ...env(40, 12),
        customerId: customer.id,
        type: 'signature_release',
        stage: 'submitted',
        title: 'False positive',
        description: '',
        product: 'Endpoint Security',
        productVersion: '12.1',
        incidentId: open.id,
        priority: 'prioritised',
        stageHistory: [{ stage: 'submitted', at: T0, by: tam.id, note: null }],
        createdBy: tam.id,
      },
    },
    {
      entity: 'healthCheck',
      row: {
        ...env(50, 13),
        customerId: customer.id,
        agreedOn: '2026-03-02',
        scheduledDate: '2026-04-01',
        status: 'scheduled',
        findings: [],
        completedAt: null,
      },
    },
    {
      entity: 'report',
      row: {
        ...env(60, 14),
        customerId: customer.id,
        kind: 'quarterly',
        periodStart: '2025-10-01',
        periodEnd: '2025-12-31',
        sentAt: T0,
        via: 'email',
        incidentId: null,
        authorId: tam.id,
        note: null,
      },
    },
  ];
  return { rows, actor: { id: tam.id, role: 'tam', team: 'X' }, email: tam.email };
}

/** Writes a replica at `version` with the schema of that version, and returns its contents. */
export async function generateFixture(version: number = CURRENT_SCHEMA_VERSION): Promise<ReplicaDump> {
  const { rows, actor, email } = syncedRows();
  const db = new ReplicaDb(
    `fixture-v${version}`,
    { indexedDB: new IDBFactory(), IDBKeyRange },
    versionsUpTo(version),
  );
  try {
    // Up to version 2 a timeline event was a row of `timelineEvents`; from 3 they are packed.
    const perEvent = db.tables.some((t) => t.name === 'timelineEvents');
    const tableNames = new Set(db.tables.map((t) => t.name));
    for (const { entity, row } of rows) {
      // An entity added in a later version has no table yet.
      if (entity !== 'timelineEvent' && !tableNames.has(TABLE_OF[entity])) continue;
      if (entity === 'timelineEvent' && perEvent) await db.table('timelineEvents').put(row);
      else await db.transaction('rw', db.tables, () => putRows(db, entity, [row]));
    }
    // From version 2: an alert of the user's (about the open incident), unread.
    if (db.tables.some((t) => t.name === 'alerts')) {
      await db.table('alerts').put({
        id: id(60),
        version: 7,
        updatedAt: T0,
        deleted: false,
        recipientId: actor.id,
        role: 'responder',
        customerId: id(10),
        incidentId: id(20),
        stage: 'at_risk',
        severity: 2,
        at: T0,
        dueAt: T0,
        urgent: true,
        title: 'Fixture alert',
        readAt: null,
        acknowledgedAt: null,
      });
    }
    // From version 5: an uploaded attachment of the open incident (its bytes are not cached).
    if (db.tables.some((t) => t.name === 'attachments')) {
      await db.table('attachments').put({
        id: id(70),
        version: 8,
        updatedAt: T0,
        deleted: false,
        customerId: id(10),
        incidentId: id(20),
        requestId: null,
        fileName: 'fixture support-info.zip',
        mediaType: 'application/zip',
        size: 0,
        sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        uploadedBy: actor.id,
        at: T0,
        state: 'uploaded',
      });
    }
    // From version 6: a weekly health snapshot of the customer (made by the server).
    if (db.tables.some((t) => t.name === 'healthSnapshots')) {
      await db.table('healthSnapshots').put({
        id: id(71),
        version: 9,
        updatedAt: T0,
        deleted: false,
        customerId: id(10),
        weekStart: '2026-03-02',
        asOf: T0,
        rating: 'amber',
        score: 70,
        reasons: [{ code: 'open_critical_incidents', points: 10, value: 1 }],
      });
    }
    // From version 7: a saved view of the user's (a named Incidents-list filter).
    if (db.tables.some((t) => t.name === 'savedViews')) {
      await db.table('savedViews').put({
        id: id(72),
        version: 10,
        updatedAt: T0,
        deleted: false,
        userId: actor.id,
        name: 'Fixture open level 1',
        filter: { status: 'open', severity: 1, customerId: id(10), search: 'licence' },
        createdAt: T0,
      });
    }
    // From version 8: reply templates, the team's and the TAM's own (a pending one in the outbox below).
    const templates = db.tables.some((t) => t.name === 'replyTemplates');
    if (templates) {
      await db.table('replyTemplates').bulkPut([
        {
          id: id(74),
          version: 10,
          updatedAt: T0,
          deleted: false,
          scope: 'team',
          team: 'X',
          ownerId: null,
          name: '初回回答',
          language: 'ja',
          body: '{{customer.name}} 御中\n件番 {{incident.number}}（{{incident.level}}）\n{{tam.signature}}',
          updatedBy: actor.id,
        },
        {
          id: id(75),
          version: 11,
          updatedAt: T0,
          deleted: false,
          scope: 'user',
          team: 'X',
          ownerId: actor.id,
          name: 'First answer',
          language: 'en',
          body: 'Dear {{customer.name}},\nWe will answer by {{incident.dueAt}}.\n{{tam.signature}}',
          updatedBy: actor.id,
        },
      ]);
    }
    await db.meta.put({
      key: 'sync',
      clientId: 'fixture-client-0001',
      cursor: 'eyJmIjoxfQ',
      timelines: 'all',
      bootstrapped: true,
      lastSuccessAt: T0,
      lastAttemptAt: T0,
      lastError: null,
      progress: null,
      activity: null,
      notice: null,
    });
    await db.timelineState.put({ incidentId: id(20), source: 'bootstrap', at: T0 });
    await db.attention.add({
      mutationId: 1,
      name: 'incident.setSeverity',
      args: { incidentId: id(21), severity: 1, eventId: id(90) },
      rows: [{ entity: 'incident', id: id(21) }],
      error: {
        code: 'invalid_transition',
        message: 'The incident is closed; reopen it (status in_progress) before changing its severity.',
      },
      madeAt: T0,
      rejectedAt: T0,
    } as never);
    // The outbox, through the app's own mutation path: new rows, a change to a synced row
    // (which leaves a shadow), and a change on top of that change.
    const made = [
      await mutateReplica(
        db,
        actor,
        'incident.create',
        {
          id: id(100),
          customerId: id(10),
          title: 'Made offline before the upgrade',
          severity: 3,
          channel: 'email',
          receivedAt: '2026-03-03T01:00:00.000Z',
        },
        { now: NOW },
      ),
      await mutateReplica(
        db,
        actor,
        'timeline.append',
        {
          id: id(101),
          incidentId: id(20),
          kind: 'call',
          at: '2026-03-03T01:30:00.000Z',
          body: 'Called the customer',
          visibility: 'customer',
        },
        { now: NOW },
      ),
      await mutateReplica(
        db,
        actor,
        'incident.setStatus',
        {
          incidentId: id(20),
          from: 'new',
          to: 'waiting_customer',
          eventId: id(102),
          note: 'Waiting for logs',
        },
        { now: NOW },
      ),
      await mutateReplica(
        db,
        actor,
        'timeline.append',
        {
          id: id(103),
          incidentId: id(100),
          kind: 'note',
          at: '2026-03-03T01:40:00.000Z',
          body: 'On the new incident',
          visibility: 'internal',
        },
        { now: NOW },
      ),
    ];
    if (templates)
      made.push(
        await mutateReplica(
          db,
          actor,
          'replyTemplate.create',
          {
            id: id(104),
            scope: 'user',
            name: 'Made offline before the upgrade',
            language: 'ja',
            body: '{{customer.name}} 御中',
          },
          { now: NOW },
        ),
      );
    for (const m of made) if (!m.ok) throw new Error(`fixture mutation failed: ${m.error.message}`);
    const tables: Record<string, unknown[]> = {};
    for (const table of db.tables) tables[table.name] = await table.toArray();
    if ((tables.outbox ?? []).length === 0) throw new Error('the fixture must have a non-empty outbox');
    return { schemaVersion: version, actor, email, tables };
  } finally {
    db.close();
  }
}

/** Writes a dump into a fresh database at the dump's schema version (the schema of that version). */
export async function loadFixture(dump: ReplicaDump, name: string, indexedDB: IDBFactory): Promise<void> {
  const db = new ReplicaDb(name, { indexedDB, IDBKeyRange }, versionsUpTo(dump.schemaVersion));
  try {
    await db.open();
    for (const [table, rows] of Object.entries(dump.tables)) {
      if (rows.length > 0) await db.table(table).bulkPut(rows);
    }
  } finally {
    db.close();
  }
}

export function readFixtures(): ReplicaDump[] {
  if (!existsSync(FIXTURE_DIR)) return [];
  return readdirSync(FIXTURE_DIR)
    .filter((f) => /^replica-v\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(FIXTURE_DIR, f), 'utf8')) as ReplicaDump)
    .sort((a, b) => a.schemaVersion - b.schemaVersion);
}

/** The primary key of a row of a table (from the table's schema). */
function keyOf(db: ReplicaDb, table: string, row: unknown): string {
  const keyPath = db.table(table).schema.primKey.keyPath;
  const paths = Array.isArray(keyPath) ? keyPath : [keyPath ?? ''];
  return paths.map((p) => String((row as Record<string, unknown>)[p])).join('|');
}

/**
 * Opens a fixture under `versions` (default: the current schema) and lists every row that
 * changed or disappeared, beyond what EXPECTED_CHANGES declares. Empty: nothing was lost.
 */
export async function upgradeProblems(
  dump: ReplicaDump,
  versions: readonly SchemaVersion[] = SCHEMA_VERSIONS,
  expected = EXPECTED_CHANGES,
): Promise<{ problems: string[]; db: ReplicaDb }> {
  const indexedDB = new IDBFactory();
  const name = `upgrade-v${dump.schemaVersion}`;
  await loadFixture(dump, name, indexedDB);
  const db = new ReplicaDb(name, { indexedDB, IDBKeyRange }, versions);
  await db.open();
  const problems: string[] = [];
  const target = versions[versions.length - 1]!.version;
  const names = new Set(db.tables.map((t) => t.name));
  for (const [table, rows] of Object.entries(dump.tables)) {
    let want = rows.map((row) => {
      let r: unknown = row;
      for (let v = dump.schemaVersion + 1; v <= target; v++) {
        const change = expected[v]?.(table, r, dump);
        if (change !== undefined) r = change;
      }
      return r;
    });
    want = want.filter((r) => r !== null);
    if (!names.has(table)) {
      if (want.length > 0) problems.push(`table ${table} is gone with its ${want.length} row(s)`);
      continue;
    }
    const have = new Map(
      (await db.table(table).toArray()).map((r) => [keyOf(db, table, r), canonicalJson(r)]),
    );
    for (const row of want) {
      const key = keyOf(db, table, row);
      const now = have.get(key);
      if (now === undefined) problems.push(`${table} ${key}: lost`);
      else if (now !== canonicalJson(row))
        problems.push(
          `${table} ${key}: changed from ${canonicalJson(row).slice(0, 200)} to ${now.slice(0, 200)}`,
        );
    }
  }
  for (let v = dump.schemaVersion + 1; v <= target; v++) {
    const moved = MOVED[v];
    for (const row of (moved && dump.tables[moved.table]) ?? []) {
      const found = await moved!.find(db, row);
      const key = (row as { id?: string }).id ?? '?';
      if (found === undefined) problems.push(`${moved!.table} ${key}: lost when moved (version ${v})`);
      else if (canonicalJson(found) !== canonicalJson(row))
        problems.push(`${moved!.table} ${key}: changed when moved (version ${v})`);
    }
  }
  return { problems, db };
}

/** The server's state in a dump: the synced rows, with the server's version of rows a pending change overwrote. */
export function serverRowsOf(dump: ReplicaDump): TaggedRow[] {
  const entityOf = new Map(Object.entries(TABLE_OF).map(([entity, table]) => [table, entity as EntityName]));
  const shadows = new Map(
    (dump.tables.shadow as Array<{ key: string; row: unknown }> | undefined)?.map((s) => [s.key, s.row]) ??
      [],
  );
  const out: TaggedRow[] = [];
  for (const [table, stored] of Object.entries(dump.tables)) {
    // Timeline events: per-event rows up to version 2, packed per incident from version 3.
    const entity = table === 'timelineEvents' ? 'timelineEvent' : entityOf.get(table as never);
    if (!entity) continue;
    const rows = table === 'timelines' ? (stored as PackedTimeline[]).flatMap((t) => t.events) : stored;
    for (const row of rows as Array<{ id: string; version: number }>) {
      const key = `${entity}:${row.id}`;
      const server = shadows.has(key) ? (shadows.get(key) as { version: number } | null) : row;
      if (server && server.version > 0) out.push({ entity, row: server } as TaggedRow);
    }
  }
  return out;
}

// ---------------------------------------------------------------- CLI
const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  // `--version N` (re)writes an earlier version's fixture, e.g. after versions were renumbered
  // when parallel changes merged; it is built with the schema of versions 1..N kept in the code.
  const at = process.argv.indexOf('--version');
  const version = at > 0 ? Number(process.argv[at + 1]) : CURRENT_SCHEMA_VERSION;
  const file = fixtureFile(version);
  if (existsSync(file) && !process.argv.includes('--force')) {
    console.log(`${file} exists (schema version ${version}); --force rewrites it.`);
  } else {
    const dump = await generateFixture(version);
    mkdirSync(FIXTURE_DIR, { recursive: true });
    writeFileSync(file, `${JSON.stringify(dump, null, 1)}\n`);
    console.log(
      `wrote ${file}: ${Object.entries(dump.tables)
        .map(([t, r]) => `${t} ${r.length}`)
        .join(', ')}`,
    );
  }
}
