import type { Role, Scope } from '@steward/permissions';
import type { Database } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../errors.js';
import { hashToken } from '../../tokens.js';
import * as repo from './repository.js';
import { pageOf, takeRole } from './service.js';

type LinkStatus = 'active' | 'expired' | 'used_up' | 'disabled';

/** Where an invite link stands now. */
export function linkStatus(link: repo.InviteLinkRow, now = Date.now()): LinkStatus {
  if (link.disabledAt) return 'disabled';
  if (link.expiresAt.getTime() <= now) return 'expired';
  return link.useCount >= link.maxUses ? 'used_up' : 'active';
}

/** An invite link as the people who manage it see it. */
export function presentLink(row: { link: repo.InviteLinkRow; createdByName: string | null }) {
  const l = row.link;
  return {
    id: l.id,
    role: l.role,
    note: l.note,
    maxUses: l.maxUses,
    useCount: l.useCount,
    expiresAt: l.expiresAt.toISOString(),
    createdAt: l.createdAt.toISOString(),
    createdBy: row.createdByName,
    disabledAt: l.disabledAt ? l.disabledAt.toISOString() : null,
    status: linkStatus(l),
  };
}

const invalidLink = () =>
  new AppError('not_found', 'This invite link is not valid. Check that it was copied whole.');

const refusals: Record<Exclude<LinkStatus, 'active'>, () => AppError> = {
  expired: () =>
    new AppError('invitation_expired', 'This invite link has expired. Ask for a new one.'),
  disabled: () =>
    new AppError('invitation_revoked', 'This invite link was turned off. Ask for a new one.'),
  used_up: () =>
    new AppError('invitation_used', 'This invite link has been used as many times as it may.'),
};

async function load(db: Database, token: string) {
  const found = await repo.findInviteLink(db, { tokenHash: hashToken(token) });
  if (!found || !found.scopeName) throw invalidLink();
  return found;
}

/** What an invite link offers, and whether it still works. */
export async function lookupLink(db: Database, token: string) {
  const { link, scopeName } = await load(db, token);
  return {
    status: linkStatus(link),
    role: link.role,
    scope: {
      type: link.scopeType as 'organization' | 'event',
      id: link.scopeId,
      name: scopeName!,
    },
    expiresAt: link.expiresAt.toISOString(),
  };
}

/**
 * Redeems an invite link for the signed-in user: one use per person (a second click takes no
 * second use), never past the limit however many redeem at once, never lowering a role.
 */
export async function redeemLink(
  db: Database,
  ctx: ServiceContext & { actor: { userId: string } },
  token: string,
) {
  const { link } = await load(db, token);
  const status = linkStatus(link);
  if (status !== 'active') throw refusals[status]();
  const userId = ctx.actor.userId;
  await db.transaction(async (tx) => {
    if (!(await repo.recordLinkUse(tx, link.id, userId))) return; // theirs already
    const taken = await repo.takeLinkUse(tx, link.id);
    if (!taken) {
      const now = await repo.findInviteLink(tx, { id: link.id });
      const why = now ? linkStatus(now.link) : 'disabled';
      throw refusals[why === 'active' ? 'used_up' : why]();
    }
    const roles = await takeRole(tx, {
      userId,
      role: link.role as Role,
      scopeType: link.scopeType as Scope,
      scopeId: link.scopeId,
      grantedBy: link.createdBy,
      reason: 'Joined with an invite link',
    });
    await recordAudit(tx, ctx, {
      scope: { type: link.scopeType as Scope, id: link.scopeId },
      action: 'invite_link.redeem',
      target: { type: 'invite_link', id: link.id },
      before: { roles: roles.before },
      after: { roles: roles.after, useCount: taken.useCount },
    });
  });
  return { next: pageOf(link.scopeType, link.scopeId) };
}

/** Whether a token opens an invite link that still works (it lets a newcomer sign up). */
export async function linkWorks(db: Database, token: string): Promise<boolean> {
  const found = await repo.findInviteLink(db, { tokenHash: hashToken(token) });
  return !!found?.scopeName && linkStatus(found.link) === 'active';
}
