import { canGrant, canRevoke, decide, type ActorFacts } from '@steward/permissions';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { loadActorFacts } from '../../authz/facts.js';
import { AppError } from '../../errors.js';
import {
  countUsableSystemAdmins,
  insertRoleAssignment,
  lockSystemAdmins,
} from '../roles/repository.js';
import { deleteUserSessions } from '../users/repository.js';
import * as repo from './repository.js';
import { systemRoles, type SystemRole, type UserStatus } from './schema.js';

type AdminContext = ServiceContext & { actor: { userId: string } };

const noSuchUser = () => new AppError('not_found', 'No such user.');
const deletedAccount = () =>
  new AppError('conflict', 'This account was deleted; there is nothing left to change.');

function statusOf(u: repo.UserRow): UserStatus {
  if (u.deletedAt) return 'deleted';
  if (u.deactivatedAt) return 'deactivated';
  return u.emailVerified ? 'active' : 'unverified';
}

const usable = (u: repo.UserRow) => !u.deletedAt && !u.deactivatedAt;

/**
 * The facts canRevoke needs for system_admin: the usable admins, plus this user when they hold
 * the role without being able to use it (taking it from them leaves the usable ones as they are).
 */
function assignmentFacts(u: repo.UserRow, usableAdmins: number) {
  const heldUnusable = u.systemRoles.includes('system_admin') && !usable(u);
  return { systemAdminCount: usableAdmins + (heldUnusable ? 1 : 0) };
}

/** A user as the administration pages see them, with what `actor` may do with them now. */
function present(u: repo.UserRow, actor: ActorFacts, usableAdmins: number, now: Date) {
  const isYou = u.id === actor.userId;
  const may = (action: 'system.user.deactivate' | 'system.user.reset_mfa') =>
    decide(actor, action, { type: 'system' }, now).allowed;
  const live = !u.deletedAt;
  const facts = assignmentFacts(u, usableAdmins);
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    status: statusOf(u),
    twoFactorEnabled: u.twoFactorEnabled,
    systemRoles: u.systemRoles,
    createdAt: u.createdAt.toISOString(),
    deactivatedAt: u.deactivatedAt ? u.deactivatedAt.toISOString() : null,
    isYou,
    can: {
      deactivate: live && !isYou && !u.deactivatedAt && may('system.user.deactivate'),
      reactivate: live && !!u.deactivatedAt && may('system.user.deactivate'),
      resetTwoFactor: live && !isYou && u.twoFactorEnabled && may('system.user.reset_mfa'),
      grant: systemRoles.filter(
        (r) =>
          live &&
          !u.systemRoles.includes(r) &&
          canGrant(actor, r, { type: 'system' }, facts, now).allowed,
      ),
      revoke: systemRoles.filter(
        (r) =>
          u.systemRoles.includes(r) && canRevoke(actor, r, { type: 'system' }, facts, now).allowed,
      ),
    },
  };
}

export type AdminUserView = ReturnType<typeof present>;

/** Presents users for the acting admin, with their abilities from fresh facts (two queries). */
async function view(tx: Executor, actorId: string, rows: repo.UserRow[]) {
  const [actor, usableAdmins] = await Promise.all([
    loadActorFacts(tx, actorId),
    countUsableSystemAdmins(tx),
  ]);
  const now = new Date();
  return rows.map((u) => present(u, actor, usableAdmins, now));
}

/** One page of users for the directory search (the caller has authorized it). */
export async function listUsers(db: Database, actorId: string, query: repo.UserQuery) {
  const { items, total } = await repo.searchUsers(db, query);
  return { items: await view(db, actorId, items), total };
}

/** One user for the administration pages; 404 when there is none. */
export async function getUser(db: Database, actorId: string, id: string) {
  const user = await repo.findUser(db, id);
  if (!user) throw noSuchUser();
  const [shown] = await view(db, actorId, [user]);
  return shown!;
}

/** Loads and locks the target of a change, refusing a deleted account. */
async function target(tx: Executor, id: string) {
  const user = await repo.findUser(tx, id, { lock: true });
  if (!user) throw noSuchUser();
  if (user.deletedAt) throw deletedAccount();
  return user;
}

/** Runs a change and presents the user afterwards, in one transaction. */
async function change(
  db: Database,
  ctx: AdminContext,
  id: string,
  fn: (tx: Executor, user: repo.UserRow) => Promise<void>,
) {
  return db.transaction(async (tx) => {
    await lockSystemAdmins(tx);
    await fn(tx, await target(tx, id));
    const after = await repo.findUser(tx, id);
    const [shown] = await view(tx, ctx.actor.userId, [after!]);
    return shown!;
  });
}

/**
 * Deactivates a user: they cannot sign in, and every session of theirs ends in the same
 * transaction. Nobody deactivates themselves, nor the last usable system admin.
 */
export function deactivateUser(db: Database, ctx: AdminContext, id: string, reason: string | null) {
  return change(db, ctx, id, async (tx, user) => {
    if (user.id === ctx.actor.userId) {
      throw new AppError('forbidden', 'You cannot deactivate your own account.');
    }
    if (user.deactivatedAt) return;
    if (user.systemRoles.includes('system_admin') && usable(user)) {
      if ((await countUsableSystemAdmins(tx)) <= 1) {
        throw new AppError(
          'last_admin',
          'Steward keeps at least one system admin who can sign in.',
        );
      }
    }
    const at = new Date();
    await repo.setDeactivatedAt(tx, user.id, at);
    const sessionsEnded = await deleteUserSessions(tx, user.id);
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: 'system.user.deactivate',
      target: { type: 'user', id: user.id },
      before: { status: statusOf(user), deactivatedAt: null },
      after: { status: 'deactivated', deactivatedAt: at.toISOString(), sessionsEnded },
      reason,
    });
  });
}

/** Reactivates a deactivated user: they can sign in again. */
export function reactivateUser(db: Database, ctx: AdminContext, id: string, reason: string | null) {
  return change(db, ctx, id, async (tx, user) => {
    if (!user.deactivatedAt) return;
    await repo.setDeactivatedAt(tx, user.id, null);
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: 'system.user.reactivate',
      target: { type: 'user', id: user.id },
      before: { status: 'deactivated', deactivatedAt: user.deactivatedAt.toISOString() },
      after: { status: statusOf({ ...user, deactivatedAt: null }), deactivatedAt: null },
      reason,
    });
  });
}

/**
 * Resets a user's two-factor (a lost authenticator): the secret and backup codes are gone,
 * two-factor is off, and their sessions end. Your own goes through the account page, which asks
 * for your password.
 */
export function resetTwoFactor(db: Database, ctx: AdminContext, id: string, reason: string | null) {
  return change(db, ctx, id, async (tx, user) => {
    if (user.id === ctx.actor.userId) {
      throw new AppError(
        'forbidden',
        'Turn your own two-factor off on your account page, with your password.',
      );
    }
    if (!user.twoFactorEnabled) return;
    await repo.clearTwoFactor(tx, user.id);
    const sessionsEnded = await deleteUserSessions(tx, user.id);
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: 'system.user.reset_mfa',
      target: { type: 'user', id: user.id },
      before: { twoFactorEnabled: true },
      after: { twoFactorEnabled: false, sessionsEnded },
      reason,
    });
  });
}

/** Why the engine refused a role change, in the error vocabulary. */
function refused(decision: { code: string; reason: string }): never {
  if (decision.code === 'last_admin') {
    throw new AppError('last_admin', 'Steward keeps at least one system admin who can sign in.');
  }
  throw new AppError('forbidden', decision.reason);
}

/**
 * Grants a system role (SPEC §6: only a system_admin may, and only here), checked by the engine's
 * canGrant against the actor's facts as they are inside the transaction; audited old → new.
 */
export function grantSystemRole(
  db: Database,
  ctx: AdminContext,
  id: string,
  role: SystemRole,
  reason: string | null,
) {
  return change(db, ctx, id, async (tx, user) => {
    const [actor, usableAdmins] = await Promise.all([
      loadActorFacts(tx, ctx.actor.userId),
      countUsableSystemAdmins(tx),
    ]);
    const decision = canGrant(
      actor,
      role,
      { type: 'system' },
      assignmentFacts(user, usableAdmins),
      new Date(),
    );
    if (!decision.allowed) refused(decision);
    if (user.systemRoles.includes(role)) return;
    // An expired assignment of the role may remain; the new one replaces it.
    await repo.deleteSystemRole(tx, user.id, role);
    await insertRoleAssignment(tx, {
      userId: user.id,
      role,
      scopeType: 'system',
      scopeId: null,
      grantedBy: ctx.actor.userId,
      reason,
    });
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: 'system.roles.grant',
      target: { type: 'user', id: user.id },
      before: { systemRoles: user.systemRoles },
      after: { systemRoles: [...user.systemRoles, role].sort() },
      reason,
    });
  });
}

/**
 * Revokes a system role, checked by canRevoke: only a system_admin may, and the last usable
 * system_admin keeps theirs; audited old → new.
 */
export function revokeSystemRole(
  db: Database,
  ctx: AdminContext,
  id: string,
  role: SystemRole,
  reason: string | null,
) {
  return change(db, ctx, id, async (tx, user) => {
    const [actor, usableAdmins] = await Promise.all([
      loadActorFacts(tx, ctx.actor.userId),
      countUsableSystemAdmins(tx),
    ]);
    if (!user.systemRoles.includes(role)) return;
    const decision = canRevoke(
      actor,
      role,
      { type: 'system' },
      assignmentFacts(user, usableAdmins),
      new Date(),
    );
    if (!decision.allowed) refused(decision);
    await repo.deleteSystemRole(tx, user.id, role);
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: 'system.roles.revoke',
      target: { type: 'user', id: user.id },
      before: { systemRoles: user.systemRoles },
      after: { systemRoles: user.systemRoles.filter((r) => r !== role) },
      reason,
    });
  });
}
