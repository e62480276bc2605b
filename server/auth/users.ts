// User administration (admins only): create a user with a one-time password, change name,
// role, team and whether the user is active, list users. A user is a synced row (`records`,
// entity 'user') plus its account (sign-in); both change in one transaction with the audit
// entry. Deactivating ends every session of the user at once.
import { randomUUID } from 'node:crypto';
import type {
  AdminUser,
  BlockingCustomer,
  CreateUserRequest,
  UpdateUserRequest,
} from '../../shared/model/api';
import type { Customer, User } from '../../shared/model/entities';
import type { Db } from '../db';
import { HttpError } from '../http/errors';
import type { ChangeNotice } from '../sync/push';
import type { Executor } from '../sync/scope';
import { writeRows } from '../sync/store';
import { writeAudit } from './audit';
import { hashPassword, oneTimePassword } from './passwords';
import type { ScryptParams } from './passwords';
import type { Auth, AuthedUser } from './sessions';

export interface UserAdminDeps {
  db: Db;
  auth: Auth;
  scrypt: ScryptParams;
  now: () => number;
  publish: (notice: ChangeNotice) => void;
  /** Ends the event streams of users whose scope or access changed. */
  endUsers: (userIds: string[]) => void;
}

/** 409 user_has_customers: the body also lists the customers to reassign first. */
export class UserHasCustomersError extends HttpError {
  constructor(readonly customers: BlockingCustomer[]) {
    super(
      409,
      'user_has_customers',
      `This TAM is still assigned to ${customers.length} customer(s) (${customers.map((c) => c.nameLatin).join(', ')}) as TAM or backup TAM; assign them to someone else first, then try again.`,
      {},
      { customers },
    );
  }
}

interface AccountRow {
  user_id: string;
  email: string;
  active: number;
  must_change_password: number;
}

const toAdminUser = (user: User, account: AccountRow | undefined): AdminUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  team: user.team,
  locale: user.locale,
  active: account ? account.active === 1 : false,
  mustChangePassword: account ? account.must_change_password === 1 : false,
});

export class UserAdmin {
  constructor(private readonly deps: UserAdminDeps) {}

  async list(): Promise<AdminUser[]> {
    const { db } = this.deps;
    const rows = await db.kysely
      .selectFrom('records')
      .select('data')
      .where('entity', '=', 'user')
      .where('deleted', '=', 0)
      .execute();
    const accounts = await db.kysely
      .selectFrom('accounts')
      .select(['user_id', 'email', 'active', 'must_change_password'])
      .execute();
    const byId = new Map(accounts.map((a) => [a.user_id, a]));
    return rows
      .map((r) => JSON.parse(r.data) as User)
      .map((u) => toAdminUser(u, byId.get(u.id)))
      .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
  }

  async create(
    admin: AuthedUser,
    body: CreateUserRequest & { email: string },
    address: string,
  ): Promise<{ user: AdminUser; oneTimePassword: string }> {
    const { db, now } = this.deps;
    const password = oneTimePassword();
    const hash = await hashPassword(password, this.deps.scrypt);
    const stamp = new Date(now()).toISOString();
    const user: User = {
      id: randomUUID(),
      version: 0,
      updatedAt: stamp,
      deleted: false,
      name: body.name,
      email: body.email,
      role: body.role,
      team: body.team,
      locale: body.locale,
    };
    const summary = await db.kysely.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('accounts')
        .select('user_id')
        .where('email', '=', body.email)
        .executeTakeFirst();
      if (taken)
        throw new HttpError(
          409,
          'email_taken',
          `A user with the e-mail ${body.email} exists already; edit that user instead, or use another address.`,
        );
      const written = await writeRows(trx, [{ entity: 'user', row: user }]);
      await trx
        .insertInto('accounts')
        .values({
          user_id: user.id,
          email: body.email,
          password_hash: hash,
          must_change_password: 1,
          active: 1,
        })
        .execute();
      await writeAudit(trx, {
        at: now(),
        actor: admin.user.email,
        action: 'admin.user_created',
        target: `${body.email} (${body.role}, ${body.team})`,
        address,
      });
      return written;
    });
    this.deps.publish({
      customerIds: [...summary.customerIds],
      scopeMayChange: false,
      version: summary.lastVersion,
    });
    return {
      user: toAdminUser(user, { user_id: user.id, email: body.email, active: 1, must_change_password: 1 }),
      oneTimePassword: password,
    };
  }

  private async blockingCustomers(trx: Executor, userId: string): Promise<BlockingCustomer[]> {
    const scoped = await trx
      .selectFrom('customer_scope')
      .select('customer_id')
      .where('deleted', '=', 0)
      .where((eb) => eb.or([eb('tam_id', '=', userId), eb('backup_tam_id', '=', userId)]))
      .execute();
    if (scoped.length === 0) return [];
    const rows = await trx
      .selectFrom('records')
      .select('data')
      .where('entity', '=', 'customer')
      .where(
        'id',
        'in',
        scoped.map((s) => s.customer_id),
      )
      .execute();
    return rows
      .map((r) => JSON.parse(r.data) as Customer)
      .map((c) => ({ id: c.id, nameJa: c.nameJa, nameLatin: c.nameLatin }))
      .sort((a, b) => a.nameLatin.localeCompare(b.nameLatin));
  }

  async update(
    admin: AuthedUser,
    userId: string,
    patch: UpdateUserRequest,
    address: string,
  ): Promise<AdminUser> {
    const { db, now, auth } = this.deps;
    const outcome = await db.kysely.transaction().execute(async (trx) => {
      const user = await auth.loadUser(trx, userId);
      const account = await trx
        .selectFrom('accounts')
        .select(['user_id', 'email', 'active', 'must_change_password'])
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!user || !account)
        throw new HttpError(404, 'not_found', `No user ${userId}; reload the list of users.`);
      const deactivating = patch.active === false && account.active === 1;
      const leavingTam = patch.role !== undefined && patch.role !== 'tam' && user.role === 'tam';
      if (
        userId === admin.user.id &&
        (patch.active === false || (patch.role !== undefined && patch.role !== 'admin'))
      ) {
        throw new HttpError(
          409,
          'cannot_change_self',
          'You cannot deactivate yourself or take away your own admin role; ask another administrator.',
        );
      }
      if (deactivating || leavingTam) {
        const customers = await this.blockingCustomers(trx, userId);
        if (customers.length > 0) throw new UserHasCustomersError(customers);
      }
      const next: User = {
        ...user,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.team !== undefined ? { team: patch.team } : {}),
        updatedAt: new Date(now()).toISOString(),
      };
      const rowChanged = next.name !== user.name || next.role !== user.role || next.team !== user.team;
      const summary = rowChanged ? await writeRows(trx, [{ entity: 'user', row: next }]) : undefined;
      const active = patch.active === undefined ? account.active : patch.active ? 1 : 0;
      if (active !== account.active)
        await trx.updateTable('accounts').set({ active }).where('user_id', '=', userId).execute();
      const revoked = deactivating ? await auth.revokeWhere(trx, userId, 'deactivated') : [];
      const changes = [
        ...(['name', 'role', 'team'] as const)
          .filter((k) => next[k] !== user[k])
          .map((k) => `${k}: ${user[k]} → ${next[k]}`),
        ...(active !== account.active ? [active ? 'reactivated' : 'deactivated'] : []),
      ];
      if (changes.length > 0) {
        const action = deactivating
          ? 'admin.user_deactivated'
          : active === 1 && account.active === 0
            ? 'admin.user_reactivated'
            : 'admin.user_updated';
        await writeAudit(trx, {
          at: now(),
          actor: admin.user.email,
          action,
          target: `${account.email}: ${changes.join(', ')}`,
          address,
        });
      }
      return {
        user: toAdminUser(next, { ...account, active }),
        summary,
        revoked,
        scopeChanged: next.role !== user.role || next.team !== user.team,
      };
    });
    if (outcome.summary) {
      this.deps.publish({
        customerIds: [...outcome.summary.customerIds],
        scopeMayChange: outcome.scopeChanged,
        version: outcome.summary.lastVersion,
      });
    }
    auth.notifyRevoked(outcome.revoked);
    if (outcome.scopeChanged || outcome.revoked.length > 0) this.deps.endUsers([userId]);
    return outcome.user;
  }
}
