import { sql } from 'drizzle-orm';
import type { Database } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { hashToken, newToken } from '../../tokens.js';
import { recordAudit } from '../../audit/record.js';
import { hashPassword } from '../../auth/passwords.js';
import { emailExists, insertPasswordUser } from '../users/repository.js';
import { insertRoleAssignment, systemRoleIsHeld } from '../roles/repository.js';
import * as tokens from './repository.js';

// Serializes setup attempts across processes, so two valid links cannot make two first admins.
const SETUP_LOCK_KEY = 7_310_442_002;

/** Whether the installation still waits for its first system admin. */
export async function setupNeeded(db: Database): Promise<boolean> {
  return !(await systemRoleIsHeld(db, 'system_admin'));
}

/**
 * Issues a one-time setup link while no system admin exists, or returns null. Only its hash is
 * stored, so each start issues a fresh link; every link stays valid until setup is completed.
 */
export async function issueSetupLink(db: Database, publicUrl: string): Promise<string | null> {
  if (!(await setupNeeded(db))) return null;
  const token = newToken();
  await tokens.insertSetupToken(db, hashToken(token));
  // In the fragment, the token never reaches a server log or a Referer header.
  return `${publicUrl}/setup#token=${token}`;
}

/** Throws unless the token would let its holder complete setup now. */
export async function checkSetupToken(db: Database, token: string): Promise<void> {
  if (!(await setupNeeded(db))) throw alreadyDone();
  if (!(await tokens.findUnusedToken(db, hashToken(token)))) throw invalidToken();
}

export interface SetupInput {
  token: string;
  name: string;
  email: string;
  password: string;
}

/**
 * Creates the first system admin: the account, the role, the spent token and the audit entry
 * commit together or not at all.
 */
export async function completeSetup(db: Database, ctx: ServiceContext, input: SetupInput) {
  // Hash outside the transaction: it is slow on purpose, and PGlite has one backend.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    if (await systemRoleIsHeld(tx, 'system_admin')) throw alreadyDone();
    if (!(await tokens.findUnusedTokenForUpdate(tx, hashToken(input.token)))) throw invalidToken();
    if (await emailExists(tx, input.email)) {
      throw new AppError('email_taken', 'An account with this email address already exists.', [
        { field: 'body.email', message: 'is already in use' },
      ]);
    }
    // The operator holds the setup link: their address needs no confirmation email.
    const user = await insertPasswordUser(tx, { ...input, passwordHash, emailVerified: true });
    const assignment = await insertRoleAssignment(tx, {
      userId: user.id,
      role: 'system_admin',
      scopeType: 'system',
      scopeId: null,
      grantedBy: null,
      reason: 'First system admin, created with the setup link',
    });
    await tokens.useAllTokens(tx, new Date());
    await recordAudit(
      tx,
      { ...ctx, actor: { userId: user.id } },
      {
        scope: { type: 'system' },
        action: 'system.setup.complete',
        target: { type: 'user', id: user.id },
        after: { user, role: assignment.role, roleAssignmentId: assignment.id },
        reason: assignment.reason,
      },
    );
    return user;
  });
}

const alreadyDone = () =>
  new AppError('setup_already_done', 'Steward is already set up. Sign in instead.');
const invalidToken = () =>
  new AppError(
    'setup_token_invalid',
    'This setup link is not valid. Use the newest link printed in the server log.',
  );
