import { canGrant, type ActorFacts, type Role } from '@steward/permissions';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../errors.js';
import { hashToken, newToken } from '../../tokens.js';
import { countRoleHolders } from '../roles/repository.js';
import * as invitationsRepo from '../invitations/repository.js';
import { presentLink } from '../invitations/links.js';
import { sendInvitation } from '../invitations/service.js';
import { loadTeamScope, teamRules, type TeamKind } from './service.js';

// How people join a team besides being added: invite links and email invitations (SPEC §7).
// The routes authorized managing invitations in the scope; every role offered here is also
// held to canGrant, so nobody invites above their own level.

type ActingContext = ServiceContext & { actor: { userId: string } };

/** An invite link works for at most this long. */
const LINK_MAX_MS = 90 * 24 * 60 * 60 * 1000;

async function mayOffer(tx: Executor, actor: ActorFacts, kind: TeamKind, id: string, role: string) {
  const scope = await loadTeamScope(tx, kind, id);
  if (!(teamRules[kind].ladder as readonly string[]).includes(role)) {
    throw new AppError('validation_failed', 'This role is not given here.', [
      { field: 'body.role', message: 'Not a role of this team' },
    ]);
  }
  const admins = await countRoleHolders(tx, kind, id, teamRules[kind].admin);
  const facts = kind === 'event' ? { eventAdminCount: admins } : { orgAdminCount: admins };
  const decision = canGrant(actor, role as Role, scope.resource, facts, new Date());
  if (!decision.allowed) throw new AppError('forbidden', decision.reason);
  return scope;
}

/** Creates an invite link; its address (with the token) is returned this once. */
export async function createLink(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  kind: TeamKind,
  id: string,
  input: { role: string; expiresAt: string; maxUses: number; note?: string | undefined },
  publicUrl: string,
) {
  const expiresAt = new Date(input.expiresAt);
  const ahead = expiresAt.getTime() - Date.now();
  if (ahead <= 0 || ahead > LINK_MAX_MS) {
    throw new AppError('validation_failed', 'An invite link lasts from now up to 90 days.', [
      { field: 'body.expiresAt', message: 'Between now and 90 days ahead' },
    ]);
  }
  return db.transaction(async (tx) => {
    await mayOffer(tx, actor, kind, id, input.role);
    const token = newToken();
    const link = await invitationsRepo.insertInviteLink(tx, {
      scopeType: kind,
      scopeId: id,
      role: input.role,
      tokenHash: hashToken(token),
      note: input.note || null,
      maxUses: input.maxUses,
      expiresAt,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      scope: { type: kind, id },
      action: 'invite_link.create',
      target: { type: 'invite_link', id: link.id },
      after: {
        role: link.role,
        maxUses: link.maxUses,
        expiresAt: link.expiresAt.toISOString(),
        note: link.note,
      },
    });
    const found = (await invitationsRepo.findInviteLink(tx, { id: link.id }))!;
    return {
      link: presentLink(found),
      url: `${publicUrl}/join#token=${encodeURIComponent(token)}`,
    };
  });
}

export async function listLinks(db: Database, kind: TeamKind, id: string) {
  return (await invitationsRepo.listInviteLinks(db, kind, id)).map(presentLink);
}

/** Turns a link off at once; audited. */
export async function disableLink(
  db: Database,
  ctx: ActingContext,
  kind: TeamKind,
  id: string,
  linkId: string,
) {
  return db.transaction(async (tx) => {
    const found = await invitationsRepo.findInviteLink(tx, { id: linkId });
    if (!found || found.link.scopeType !== kind || found.link.scopeId !== id) {
      throw new AppError('not_found', 'No such invite link.');
    }
    if (!found.link.disabledAt) {
      await invitationsRepo.disableInviteLink(tx, linkId);
      await recordAudit(tx, ctx, {
        scope: { type: kind, id },
        action: 'invite_link.disable',
        target: { type: 'invite_link', id: linkId },
        before: { disabledAt: null },
        after: { disabledAt: new Date().toISOString() },
      });
    }
    return presentLink((await invitationsRepo.findInviteLink(tx, { id: linkId }))!);
  });
}

type SentRow = Awaited<ReturnType<typeof invitationsRepo.listOpenInvitations>>[number];

function presentSent(row: SentRow) {
  const i = row.invitation;
  const status = i.acceptedAt
    ? 'accepted'
    : i.revokedAt
      ? 'revoked'
      : i.expiresAt.getTime() <= Date.now()
        ? 'expired'
        : 'pending';
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    message: i.message,
    status: status as 'pending' | 'accepted' | 'expired' | 'revoked',
    invitedBy: row.invitedByName,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
  };
}

/** The email invitations of a scope that nobody accepted or revoked (expired ones too). */
export async function listSent(db: Database, kind: TeamKind, id: string) {
  return (await invitationsRepo.listOpenInvitations(db, kind, id)).map(presentSent);
}

/**
 * Invites several addresses at once to one role, with a personal message: one invitation each
 * (an earlier one to the same address here stops working), all in one transaction.
 */
export async function inviteByEmail(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts & { name: string },
  kind: TeamKind,
  id: string,
  input: { emails: string[]; role: string; message?: string | undefined },
  publicUrl: string,
) {
  return db.transaction(async (tx) => {
    const scope = await mayOffer(tx, actor, kind, id, input.role);
    const sent = [];
    for (const email of [...new Set(input.emails)]) {
      const row = await sendInvitation(tx, ctx, {
        scope: { type: kind, id, name: scope.name },
        role: input.role as Role,
        email,
        message: input.message,
        inviterName: actor.name,
        publicUrl,
        replace: 'email',
      });
      sent.push(presentSent({ invitation: row, invitedByName: actor.name }));
    }
    return sent;
  });
}

/** Resends (a fresh link; the old one stops) or revokes an invitation that waits. */
export async function changeInvitation(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts & { name: string },
  kind: TeamKind,
  id: string,
  invitationId: string,
  action: 'resend' | 'revoke',
  publicUrl: string,
) {
  return db.transaction(async (tx) => {
    const found = await invitationsRepo.findInvitation(tx, invitationId);
    const i = found?.invitation;
    if (!i || i.scopeType !== kind || i.scopeId !== id) {
      throw new AppError('not_found', 'No such invitation.');
    }
    if (i.acceptedAt || i.revokedAt) {
      throw new AppError('conflict', 'This invitation was already accepted or revoked.');
    }
    if (action === 'revoke') {
      await invitationsRepo.revokeInvitation(tx, i.id);
      await recordAudit(tx, ctx, {
        scope: { type: kind, id },
        action: 'invitation.revoke',
        target: { type: 'invitation', id: i.id },
        before: { email: i.email, role: i.role },
      });
      return presentSent({
        invitation: { ...i, revokedAt: new Date() },
        invitedByName: found.invitedByName,
      });
    }
    const scope = await mayOffer(tx, actor, kind, id, i.role);
    const row = await sendInvitation(tx, ctx, {
      scope: { type: kind, id, name: scope.name },
      role: i.role as Role,
      email: i.email,
      message: i.message ?? undefined,
      inviterName: actor.name,
      publicUrl,
      replace: 'email',
    });
    return presentSent({ invitation: row, invitedByName: actor.name });
  });
}
