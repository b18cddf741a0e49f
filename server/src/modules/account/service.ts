import { verifyPassword } from '../../auth/passwords.js';
import type { Database } from '../../db/connection.js';
import type { LinkContext, ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../errors.js';
import { avatarType } from './avatar.js';
import * as repo from './repository.js';
import { cancelRsvpsOfLeavingUser } from '../rsvps/service.js';
import {
  activeSystemRoles,
  countUsableSystemAdmins,
  lockSystemAdmins,
} from '../roles/repository.js';

const wrongPassword = () =>
  new AppError('invalid_credentials', 'That password is not right.', [
    { field: 'body.password', message: 'is not right' },
  ]);

/** Checks the user's own password before a change only they should make. */
export async function confirmPassword(db: Database, userId: string, password: string) {
  const hash = await repo.passwordHashOf(db, userId);
  if (!hash || !(await verifyPassword(hash, password))) throw wrongPassword();
}

/** Changes the user's name and pronouns; audited old → new. */
export async function updateProfile(
  db: Database,
  ctx: ServiceContext & { actor: { userId: string } },
  before: { name: string; pronouns: string | null },
  changes: { name?: string; pronouns?: string | null },
) {
  return db.transaction(async (tx) => {
    const user = await repo.updateProfile(tx, ctx.actor.userId, changes);
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: 'account.profile.update',
      target: { type: 'user', id: ctx.actor.userId },
      before,
      after: { name: user.name, pronouns: user.pronouns },
    });
    return user;
  });
}

/**
 * Deletes the acting user's account: personal data erased, sessions and credentials gone,
 * reports kept for their events, RSVPs to events to come cancelled (their places go to the
 * waitlists). Refused while they are the last admin of something, so that nothing is left
 * without someone to run it.
 */
export async function deleteAccount(
  db: Database,
  ctx: ServiceContext & LinkContext & { actor: { userId: string } },
  password: string,
) {
  const userId = ctx.actor.userId;
  await confirmPassword(db, userId, password);
  await db.transaction(async (tx) => {
    await lockSystemAdmins(tx);
    const last: { role: string; scopeType: string; scopeId: string | null }[] =
      await repo.lastAdminRoles(tx, userId);
    // The last system admin who can still sign in may not leave: nobody could run Steward.
    if (
      (await activeSystemRoles(tx, userId)).includes('system_admin') &&
      (await countUsableSystemAdmins(tx)) <= 1
    ) {
      last.push({ role: 'system_admin', scopeType: 'system', scopeId: null });
    }
    if (last.length) {
      throw new AppError(
        'last_admin',
        'You are the last admin of something. Hand your role to someone else first.',
        last.map((r) => ({
          message: `last ${r.role}${r.scopeId ? ` of ${r.scopeType} ${r.scopeId}` : ''}`,
        })),
      );
    }
    await cancelRsvpsOfLeavingUser(tx, ctx);
    await repo.eraseUser(tx, userId, new Date());
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: 'account.delete',
      target: { type: 'user', id: userId },
    });
  });
}

/** Everything Steward holds about the acting user, as one JSON document. */
export async function exportData(db: Database, userId: string) {
  const data = await repo.exportUserData(db, userId);
  return { exportedAt: new Date().toISOString(), ...data };
}

/** Sets the acting user's avatar after checking its type by content; audited. */
export async function setAvatar(
  db: Database,
  ctx: ServiceContext & { actor: { userId: string } },
  data: Buffer,
) {
  const contentType = await avatarType(data);
  await db.transaction(async (tx) => {
    await repo.saveAvatar(tx, ctx.actor.userId, contentType, data);
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: 'account.avatar.update',
      target: { type: 'user', id: ctx.actor.userId },
      after: { contentType, bytes: data.length },
    });
  });
}

/** Removes the acting user's avatar; audited. */
export async function clearAvatar(
  db: Database,
  ctx: ServiceContext & { actor: { userId: string } },
) {
  await db.transaction(async (tx) => {
    await repo.removeAvatar(tx, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      scope: { type: 'system' },
      action: 'account.avatar.remove',
      target: { type: 'user', id: ctx.actor.userId },
    });
  });
}

/** A user's picture for display, or null. */
export const avatarOf = (db: Database, userId: string) => repo.findAvatar(db, userId);
