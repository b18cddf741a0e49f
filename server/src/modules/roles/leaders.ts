import {
  canGrant,
  canRevoke,
  type ActorFacts,
  type ResourceOf,
  type Role,
} from '@steward/permissions';
import type { Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../errors.js';
import { findUserByEmail } from '../users/repository.js';
import { deleteRoleAssignment, scopeAssignments, upsertRoleAssignment } from './repository.js';

// Leaders of a chapter or a region are role assignments in that scope, managed the same way
// (SPEC §6): added by email address with an optional expiry and reason, removed with an optional
// reason, each change decided by canGrant / canRevoke and audited old → new in the scope.

type ActingContext = ServiceContext & { actor: { userId: string } };

/** A scope that has leaders. */
export type LeaderScope = ResourceOf<'chapter'> | ResourceOf<'region'>;

const leaderRole = { chapter: 'chapter_leader', region: 'region_leader' } as const satisfies Record<
  LeaderScope['type'],
  Role
>;

/**
 * The scope's active leaders, each with whether the actor may remove them now. Who a leader is
 * beyond their name (their account's id, and their picture, whose address names the account) is
 * only for those who manage the leaders: a region's page is public.
 */
export async function presentLeaders(db: Executor, actor: ActorFacts, scope: LeaderScope) {
  const role = leaderRole[scope.type];
  const now = new Date();
  const canRemove = canRevoke(actor, role, scope, {}, now).allowed;
  const leaders = await scopeAssignments(db, scope.type, scope.id, [role]);
  return leaders.map((l) => ({
    userId: canRemove ? l.userId : null,
    name: l.name,
    image: canRemove ? l.image : null,
    grantedAt: l.grantedAt.toISOString(),
    expiresAt: l.expiresAt ? l.expiresAt.toISOString() : null,
    canRemove,
  }));
}

/** An expiry as sent: null for none; 400 unless it is in the future. */
export function futureExpiry(value: string | null | undefined): Date | null {
  const expiresAt = value ? new Date(value) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new AppError('validation_failed', 'An expiry must be in the future.', [
      { field: 'body.expiresAt', message: 'Choose a moment in the future' },
    ]);
  }
  return expiresAt;
}

/**
 * Makes the account with this address a leader of the scope, or renews their role with the new
 * expiry. Runs in the caller's transaction, which holds the scope's lock.
 */
export async function addLeader(
  tx: Executor,
  ctx: ActingContext,
  actor: ActorFacts,
  scope: LeaderScope,
  input: {
    email: string;
    expiresAt?: string | null | undefined;
    reason?: string | null | undefined;
  },
) {
  const expiresAt = futureExpiry(input.expiresAt);
  const role = leaderRole[scope.type];
  const user = await findUserByEmail(tx, input.email);
  if (!user) {
    throw new AppError('validation_failed', 'No Steward account uses this address.', [
      { field: 'body.email', message: 'No Steward account uses this address' },
    ]);
  }
  const grant = canGrant(actor, role, scope, {}, new Date());
  if (!grant.allowed) throw new AppError('forbidden', grant.reason);
  const before = await upsertRoleAssignment(tx, {
    userId: user.id,
    role,
    scopeType: scope.type,
    scopeId: scope.id,
    grantedBy: ctx.actor.userId,
    reason: input.reason ?? null,
    expiresAt,
  });
  await recordAudit(tx, ctx, {
    scope: { type: scope.type, id: scope.id },
    action: `${scope.type}.leader.add`,
    target: { type: 'user', id: user.id },
    before: before ? { role, expiresAt: before.expiresAt?.toISOString() ?? null } : null,
    after: { role, expiresAt: expiresAt?.toISOString() ?? null },
    reason: input.reason ?? null,
  });
}

/** Takes the leader role of the scope from `userId`; 404 when they do not hold it. */
export async function removeLeader(
  tx: Executor,
  ctx: ActingContext,
  actor: ActorFacts,
  scope: LeaderScope,
  userId: string,
  reason: string | null,
) {
  const role = leaderRole[scope.type];
  const revoke = canRevoke(actor, role, scope, {}, new Date());
  if (!revoke.allowed) throw new AppError('forbidden', revoke.reason);
  const removed = await deleteRoleAssignment(tx, {
    userId,
    role,
    scopeType: scope.type,
    scopeId: scope.id,
  });
  if (!removed) throw new AppError('not_found', `This person does not lead the ${scope.type}.`);
  await recordAudit(tx, ctx, {
    scope: { type: scope.type, id: scope.id },
    action: `${scope.type}.leader.remove`,
    target: { type: 'user', id: userId },
    before: { role, expiresAt: removed.expiresAt?.toISOString() ?? null },
    after: null,
    reason,
  });
}
