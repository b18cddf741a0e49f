import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import type { SessionUser } from '../../authz/actor.js';
import { users } from '../../db/schema/index.js';
import { adminAssignmentsWithMfaPolicy, activeSystemRoles } from '../roles/repository.js';
import { getSystemSettings } from '../settings/service.js';
import { normalizeEmail } from '../users/repository.js';

// better-auth writes sessions, users and tokens with its own statements (a few in transactions of
// its own), so the audit entries of this module follow its changes rather than share a
// transaction with them (docs/decisions.md).

/** Records a sign-in attempt: the address tried, the account when known, and the outcome. */
export async function recordSignIn(
  db: Database,
  ctx: ServiceContext,
  attempt: {
    email: string;
    userId: string | null;
    step?: 'password' | 'two_factor';
    /** A refused attempt on a known account (right password, but deactivated, …). */
    refusedUserId?: string | null;
    /** The error code of a refusal. */
    reason?: string;
  },
): Promise<void> {
  const target = attempt.userId ?? attempt.refusedUserId ?? null;
  await recordAudit(
    db,
    { ...ctx, actor: attempt.userId ? { userId: attempt.userId } : null },
    {
      scope: { type: 'system' },
      action: attempt.step === 'two_factor' ? 'auth.sign_in.two_factor' : 'auth.sign_in',
      outcome: attempt.userId ? 'success' : 'denied',
      ...(target ? { target: { type: 'user', id: target } } : {}),
      ...(attempt.email ? { after: { email: attempt.email } } : {}),
      reason: attempt.reason ?? null,
    },
  );
}

/**
 * Records an account event (`auth.password_reset`, `account.…`) of a user, or of an address
 * with no account (userId null: a refused request, kept for the security view).
 */
export async function recordAccountEvent(
  db: Executor,
  ctx: ServiceContext,
  userId: string | null,
  action: string,
  detail: { before?: unknown; after?: unknown; outcome?: 'success' | 'denied' } = {},
): Promise<void> {
  await recordAudit(
    db,
    { ...ctx, actor: ctx.actor ?? (userId ? { userId } : null) },
    {
      scope: { type: 'system' },
      action,
      ...(userId ? { target: { type: 'user', id: userId } } : {}),
      ...detail,
    },
  );
}

/** Records that a user ended their session. */
export async function recordSignOut(
  db: Database,
  ctx: ServiceContext,
  userId: string,
): Promise<void> {
  await recordAccountEvent(db, { ...ctx, actor: { userId } }, userId, 'auth.sign_out');
}

/** The account that uses this address, if any (id and whether it is confirmed). */
export async function findUserByEmail(db: Executor, email: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return row ?? null;
}

/**
 * Whether the user holds an admin-level role somewhere two-factor is required (their
 * organization's `requireMfaForAdmins`, or the system setting for system admins) and has not
 * set it up yet. The web app sends them to the setup page.
 */
export async function needsMfaSetup(db: Executor, user: SessionUser): Promise<boolean> {
  if (user.twoFactorEnabled) return false;
  const held = await adminAssignmentsWithMfaPolicy(db, user.id);
  if (!held.length) return false;
  if (held.some((a) => a.scopeType !== 'system' && a.requireMfa !== false)) return true;
  return (await getSystemSettings(db)).requireMfaForAdmins;
}

/** The signed-in user as the web app sees them, with the system roles they hold now. */
export async function describeUser(db: Database, user: SessionUser) {
  const [systemRoles, mfaSetupRequired] = await Promise.all([
    activeSystemRoles(db, user.id),
    needsMfaSetup(db, user),
  ]);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    pronouns: user.pronouns,
    twoFactorEnabled: user.twoFactorEnabled,
    image: user.image,
    systemRoles,
    mfaSetupRequired,
  };
}
