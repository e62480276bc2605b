// Saved views (named Incidents-list filters) through POST /v1/sync/push on both engines: each
// belongs to its author alone (the pull of another user never shows it, their mutations on it
// are answered as not found), names are unique per user, and the filter is validated.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import type { Db } from './db';
import type { Fixture, RunningApi, TestDatabase } from './testing/harness';
import {
  TestReplica,
  buildFixture,
  createTestDatabase,
  engineCases,
  login,
  seedFixture,
  startApi,
} from './testing/harness';

describe.each(engineCases())('saved views on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  let tamA: TestReplica;
  let tamB: TestReplica;
  let manager: TestReplica;

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    server = await startApi({ db, logger: !!process.env.TAM_TEST_LOG });
    tamA = new TestReplica(server.base, await login(server.base, fx.users.tamA.email));
    tamB = new TestReplica(server.base, await login(server.base, fx.users.tamB.email));
    manager = new TestReplica(server.base, await login(server.base, fx.users.managerX.email));
    await Promise.all([tamA.pullAll(), tamB.pullAll(), manager.pullAll()]);
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  const filter = (over: Record<string, unknown> = {}) => ({
    status: 'open',
    severity: 1,
    customerId: fx.customers.c1.id,
    search: 'ライセンス error',
    ...over,
  });
  const applied = async (who: TestReplica, name: string, args: unknown) => {
    const r = await who.push(name, args);
    expect(r, `${name} ${JSON.stringify(r.error)}`).toMatchObject({ status: 'applied' });
    await who.pullAll();
  };
  const rejected = async (who: TestReplica, name: string, args: unknown, code: string) => {
    const r = await who.push(name, args);
    expect(r.status, name).toBe('rejected');
    expect(r.error?.code, r.error?.message).toBe(code);
    return r.error!;
  };

  it.skipIf(skip)('creates a view of the author, synced to the author alone', async () => {
    const id = randomUUID();
    await applied(tamA, 'savedView.create', { id, name: 'L1 open at Alpha', filter: filter() });
    expect(tamA.get('savedView', id)).toMatchObject({
      id,
      userId: fx.users.tamA.id,
      name: 'L1 open at Alpha',
      filter: filter(),
      deleted: false,
    });
    expect(tamA.get('savedView', id)?.createdAt).toEqual(expect.any(String));
    // Another TAM of the same team and their manager never receive it.
    await tamB.pullAll();
    await manager.pullAll();
    expect(tamB.has('savedView', id)).toBe(false);
    expect(manager.has('savedView', id)).toBe(false);
  });

  it.skipIf(skip)('renames, updates the filter and deletes; another user cannot touch it', async () => {
    const id = randomUUID();
    await applied(tamA, 'savedView.create', {
      id,
      name: 'Waiting',
      filter: filter({ status: 'waiting_customer' }),
    });
    // Another user (even the manager of the team) is told it does not exist, and nothing changes.
    await rejected(tamB, 'savedView.rename', { savedViewId: id, name: 'Mine now' }, 'not_found');
    await rejected(manager, 'savedView.update', { savedViewId: id, filter: filter() }, 'not_found');
    await rejected(manager, 'savedView.delete', { savedViewId: id }, 'not_found');
    await tamA.pullAll();
    expect(tamA.get('savedView', id)).toMatchObject({ name: 'Waiting', deleted: false });

    await applied(tamA, 'savedView.rename', { savedViewId: id, name: '  顧客待ち  ' });
    expect(tamA.get('savedView', id)?.name).toBe('顧客待ち');
    const next = { status: '', severity: '', customerId: '', search: '' };
    await applied(tamA, 'savedView.update', { savedViewId: id, filter: next });
    expect(tamA.get('savedView', id)?.filter).toEqual(next);
    await applied(tamA, 'savedView.delete', { savedViewId: id });
    const gone = tamA.get('savedView', id);
    expect(gone === undefined || gone.deleted === true).toBe(true);
    await rejected(tamA, 'savedView.rename', { savedViewId: id, name: 'Back' }, 'not_found');
  });

  it.skipIf(skip)('refuses a second view of the same name for one user, not across users', async () => {
    await applied(tamA, 'savedView.create', { id: randomUUID(), name: 'Ｌ１ Today', filter: filter() });
    const e = await rejected(
      tamA,
      'savedView.create',
      { id: randomUUID(), name: 'l1 today ', filter: filter() },
      'saved_view_name_taken',
    );
    expect((e as { params?: unknown }).params).toEqual({ name: 'Ｌ１ Today' });
    const other = randomUUID();
    await applied(tamA, 'savedView.create', { id: other, name: 'Other', filter: filter() });
    await rejected(
      tamA,
      'savedView.rename',
      { savedViewId: other, name: 'L1 TODAY' },
      'saved_view_name_taken',
    );
    // Another user may use the same name for their own view.
    await applied(tamB, 'savedView.create', {
      id: randomUUID(),
      name: 'L1 today',
      filter: filter({ customerId: '' }),
    });
  });

  it.skipIf(skip)('validates the filter and the name, and never reuses an id', async () => {
    const id = randomUUID();
    // Invalid arguments are refused before anything runs (the whole push, with what was wrong).
    const invalid = async (args: Record<string, unknown>, field: RegExp) =>
      expect(tamA.push('savedView.create', { id, name: 'x', filter: filter(), ...args })).rejects.toThrow(
        new RegExp(`400.*invalid_args.*${field.source}`),
      );
    await invalid({ filter: filter({ status: 'gone' }) }, /filter\.status/);
    await invalid({ filter: filter({ severity: 5 }) }, /filter\.severity/);
    await invalid({ filter: filter({ customerId: 'c1' }) }, /filter\.customerId/);
    await invalid({ filter: filter({ search: 'y'.repeat(501) }) }, /filter\.search/);
    await invalid({ name: '   ' }, /name/);
    await invalid({ name: 'x'.repeat(201) }, /name/);
    // A customer the user does not hold (unknown, or another TAM's) is refused.
    await rejected(
      tamA,
      'savedView.create',
      { id, name: 'x', filter: filter({ customerId: randomUUID() }) },
      'not_found',
    );
    await rejected(tamB, 'savedView.create', { id, name: 'x', filter: filter() }, 'not_found');
    await applied(tamA, 'savedView.create', { id, name: 'Once', filter: filter() });
    // The same id again is refused: to its author as taken, to another user as a row outside
    // their scope (which does not say whose it is). A userId in the arguments is not read.
    await rejected(tamA, 'savedView.create', { id, name: 'Twice', filter: filter() }, 'already_exists');
    await rejected(tamB, 'savedView.create', { id, name: 'Twice', filter: filter() }, 'not_found');
    const own = randomUUID();
    await applied(tamB, 'savedView.create', {
      id: own,
      name: 'Spoof',
      filter: filter({ customerId: fx.customers.c2.id }),
      userId: fx.users.tamA.id,
    });
    expect(tamB.get('savedView', own)?.userId).toBe(fx.users.tamB.id);
    await tamA.pullAll();
    expect(tamA.has('savedView', own)).toBe(false);
  });
});
