import { and, eq, isNull } from 'drizzle-orm';
import { includesEventRole, type Role, type Scope } from '@steward/permissions';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { users } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../errors.js';
import { hashToken, newToken } from '../../tokens.js';
import { enqueueEmail } from '../email/service.js';
import { notify } from '../notifications/service.js';
import { renderEmail } from '../email/template.js';
import { deleteRolesOf, rolesOf, upsertRoleAssignment } from '../roles/repository.js';
import { hashPassword } from '../../auth/passwords.js';
import {
  emailExists,
  findUserByEmail,
  insertPasswordUser,
  normalizeEmail,
} from '../users/repository.js';
import * as repo from './repository.js';

/** An email invitation's link works for a week. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InvitationScope {
  type: Extract<Scope, 'organization' | 'chapter' | 'event'>;
  id: string;
  name: string;
}

/** A role in words, as an email says it ("an administrator of the event"). */
export const roleWords: Partial<Record<Role, string>> = {
  org_admin: 'an administrator of the organization',
  org_viewer: 'a viewer of the organization',
  chapter_leader: 'a leader of the chapter',
  event_admin: 'an administrator of the event',
  responder: 'a responder on the code-of-conduct team of the event',
  reporter: 'a member of the event',
  checkiner: 'a check-in volunteer of the event',
};

/**
 * Invites `email` to take `role` in `scope`: stores the hash of a fresh token, queues the email
 * with the link, and audits it, all in the caller's transaction. What it replaces stops working
 * (and is counted in the audit entry): with `replace: 'role'`, any invitation to this role that
 * still waits (a bootstrap invite is only ever one); with `replace: 'email'`, whatever still
 * waited for this address here (inviting again, resending).
 */
export async function sendInvitation(
  tx: Executor,
  ctx: ServiceContext & { actor: { userId: string } },
  input: {
    scope: InvitationScope;
    role: Role;
    email: string;
    message?: string | undefined;
    inviterName: string;
    publicUrl: string;
    replace: 'role' | 'email';
  },
) {
  const { scope, role, email } = input;
  const replaced =
    input.replace === 'role'
      ? await repo.revokePending(tx, scope.type, scope.id, role)
      : await repo.revokePendingFor(tx, scope.type, scope.id, email);
  const token = newToken();
  const row = await repo.insertInvitation(tx, {
    scopeType: scope.type,
    scopeId: scope.id,
    role,
    email,
    tokenHash: hashToken(token),
    message: input.message || null,
    invitedBy: ctx.actor.userId,
    expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
  });
  const paragraphs = [
    `${input.inviterName} invites you to be ${roleWords[role] ?? role} “${scope.name}” on Steward.`,
    ...(input.message ? [`Their message: “${input.message}”`] : []),
    'Open the link to accept. If you have no Steward account yet, you can create one with this email address on the way. The link expires in 7 days.',
  ];
  await enqueueEmail(tx, {
    to: email,
    kind: 'invitation',
    ...renderEmail({
      subject: `You are invited to ${scope.name} on Steward`,
      greeting: 'Hello,',
      paragraphs,
      action: {
        label: 'Open the invitation',
        url: `${input.publicUrl}/invitations#token=${encodeURIComponent(token)}`,
      },
      footer: 'If you did not expect this, ignore this email: nothing happens without the link.',
    }),
  });
  // Someone who already has an account also finds it in the app; the token stays in the email.
  const invitee = await findUserByEmail(tx, email);
  if (invitee) {
    await notify(
      tx,
      [invitee.id],
      {
        kind: 'invitation',
        actorId: ctx.actor.userId,
        eventId: scope.type === 'event' ? scope.id : null,
        target: { type: scope.type, id: scope.id },
        title: `${input.inviterName} invites you to ${scope.name}: accept from the link in your email`,
        link: '/',
        email: null,
      },
      input.publicUrl,
    );
  }
  await recordAudit(tx, ctx, {
    scope: { type: scope.type, id: scope.id },
    action: 'invitation.create',
    target: { type: 'invitation', id: row.id },
    after: { email, role, expiresAt: row.expiresAt.toISOString(), replaced },
  });
  return row;
}

type Status = 'pending' | 'accepted' | 'expired' | 'revoked';

function statusOf(row: repo.InvitationRow, now = Date.now()): Status {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= now ? 'expired' : 'pending';
}

/** An invitation that waits, as the people who manage it see it. */
export function presentPending(row: repo.InvitationRow) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    expired: statusOf(row) === 'expired',
  };
}

const invalidLink = () =>
  new AppError('not_found', 'This invitation link is not valid. Check that it was copied whole.');

async function load(db: Executor, token: string) {
  const found = await repo.findByTokenHash(db, hashToken(token));
  if (!found || !found.scopeName) throw invalidLink();
  const [account] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, found.invitation.email), isNull(users.deletedAt)));
  const i = found.invitation;
  return {
    row: i,
    view: {
      status: statusOf(i),
      role: i.role,
      scope: { type: i.scopeType as InvitationScope['type'], id: i.scopeId, name: found.scopeName },
      email: i.email,
      invitedBy: found.invitedByName ?? null,
      message: i.message,
      expiresAt: i.expiresAt.toISOString(),
      accountExists: !!account,
    },
  };
}

/** What an invitation link offers, and whether it can still be accepted. */
export async function lookupInvitation(db: Database, token: string) {
  return (await load(db, token)).view;
}

const refusals: Record<Exclude<Status, 'pending'>, () => AppError> = {
  accepted: () => new AppError('invitation_used', 'This invitation has already been accepted.'),
  expired: () =>
    new AppError(
      'invitation_expired',
      'This invitation has expired. Ask the person who invited you for a new one.',
    ),
  revoked: () =>
    new AppError(
      'invitation_revoked',
      'This invitation was withdrawn. Ask the person who invited you for a new one.',
    ),
};

/** Where the web app takes someone who just took a role in this scope. */
export const pageOf = (scopeType: string, id: string) =>
  scopeType === 'organization'
    ? `/orgs/${id}`
    : scopeType === 'chapter'
      ? `/chapters/${id}`
      : `/events/${id}`;

/** Whether holding `held` in a scope already gives everything `wanted` would. */
function covers(held: Role, wanted: Role): boolean {
  if (held === wanted) return true;
  // org_admin is granted everything org_viewer is (SPEC §4).
  if (held === 'org_admin' && wanted === 'org_viewer') return true;
  return includesEventRole(held, wanted);
}

/**
 * Gives `userId` a role they accepted (an invitation, an invite link), unless a role they hold
 * there already covers it; a role it covers is replaced. Never lowers a role (SPEC §7). Returns
 * the roles held in the scope before and after.
 */
export async function takeRole(
  tx: Executor,
  input: {
    userId: string;
    role: Role;
    scopeType: Scope;
    scopeId: string;
    grantedBy: string | null;
    reason: string;
  },
) {
  const { userId, role, scopeType, scopeId } = input;
  const before = await rolesOf(tx, userId, scopeType, scopeId);
  if (before.some((h) => covers(h, role))) return { before, after: before };
  await deleteRolesOf(
    tx,
    userId,
    scopeType,
    scopeId,
    before.filter((h) => covers(role, h)),
  );
  await upsertRoleAssignment(tx, { ...input, scopeType, scopeId });
  return { before, after: [...before.filter((h) => !covers(role, h)), role] };
}

/** The role of an invitation just marked accepted, taken by `userId`, and audited. */
async function takeInvitedRole(
  tx: Executor,
  ctx: ServiceContext,
  row: repo.InvitationRow,
  userId: string,
) {
  const roles = await takeRole(tx, {
    userId,
    role: row.role as Role,
    scopeType: row.scopeType as Scope,
    scopeId: row.scopeId,
    grantedBy: row.invitedBy,
    reason: 'Accepted an invitation',
  });
  await recordAudit(tx, ctx, {
    scope: { type: row.scopeType as Scope, id: row.scopeId },
    action: 'invitation.accept',
    target: { type: 'invitation', id: row.id },
    before: { roles: roles.before },
    after: { roles: roles.after },
  });
}

/**
 * Accepts an invitation for the signed-in user, whose account must own the invited address.
 * The role is added unless one they hold already covers it; a role it covers is replaced.
 * Accepting never lowers a role (SPEC §7).
 */
export async function acceptInvitation(
  db: Database,
  ctx: ServiceContext & { actor: { userId: string } },
  user: { id: string; email: string },
  token: string,
) {
  const { row, view } = await load(db, token);
  if (view.status !== 'pending') throw refusals[view.status]();
  if (user.email.toLowerCase() !== row.email.toLowerCase()) {
    throw new AppError(
      'invitation_wrong_account',
      `This invitation is for ${row.email}. Sign in with that address to accept it.`,
    );
  }
  await db.transaction(async (tx) => {
    const accepted = await repo.markAccepted(tx, row.id, user.id);
    if (!accepted) {
      const again = await load(tx, token);
      throw refusals[again.view.status === 'pending' ? 'accepted' : again.view.status]();
    }
    await takeInvitedRole(tx, ctx, row, user.id);
  });
  return {
    invitation: { ...view, status: 'accepted' as const },
    next: pageOf(row.scopeType, row.scopeId),
  };
}

/**
 * Creates the account an email invitation was sent for, and accepts the invitation, in one
 * transaction (SPEC §7: a new user creates an account on the way). Following the emailed link
 * proves the address, so the account is confirmed at once; the sign-up setting does not apply,
 * since someone with the right to invite asked for this person.
 */
export async function signUpWithInvitation(
  db: Database,
  origin: ServiceContext['origin'],
  input: { name: string; email: string; password: string; token: string },
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const { row, view } = await load(tx, input.token);
    if (view.status !== 'pending') throw refusals[view.status]();
    const email = normalizeEmail(input.email);
    if (email !== row.email.toLowerCase()) {
      throw new AppError(
        'invitation_wrong_account',
        `This invitation is for ${row.email}: create the account with that address.`,
        [{ field: 'body.email', message: `The invitation is for ${row.email}` }],
      );
    }
    if (await emailExists(tx, email)) {
      throw new AppError(
        'email_taken',
        'You already have an account with this address: sign in to accept the invitation.',
        [{ field: 'body.email', message: 'already has an account: sign in instead' }],
      );
    }
    const user = await insertPasswordUser(tx, {
      name: input.name,
      email,
      passwordHash,
      emailVerified: true,
    });
    const ctx = { actor: { userId: user.id }, origin };
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: 'auth.sign_up',
      target: { type: 'user', id: user.id },
      after: { name: user.name, email: user.email, emailVerified: true, invitation: row.id },
    });
    if (!(await repo.markAccepted(tx, row.id, user.id))) throw refusals.accepted();
    await takeInvitedRole(tx, ctx, row, user.id);
    return { user, next: pageOf(row.scopeType, row.scopeId) };
  });
}
