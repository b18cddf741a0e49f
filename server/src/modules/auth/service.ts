import type { Database } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import type { SessionUser } from '../../plugins/auth.js';
import { activeSystemRoles } from '../roles/repository.js';

// better-auth writes the session in its own transaction, so these entries follow it rather than
// share it. A failed attempt changes nothing and is recorded as denied (SPEC §10).

/** Records a sign-in attempt: the address tried, the account when known, and the outcome. */
export async function recordSignIn(
  db: Database,
  ctx: ServiceContext,
  attempt: { email: string; userId: string | null },
): Promise<void> {
  await recordAudit(
    db,
    { ...ctx, actor: attempt.userId ? { userId: attempt.userId } : null },
    {
      scope: { type: 'system' },
      action: 'auth.sign_in',
      outcome: attempt.userId ? 'success' : 'denied',
      ...(attempt.userId ? { target: { type: 'user', id: attempt.userId } } : {}),
      after: { email: attempt.email },
    },
  );
}

/** Records that a user ended their session. */
export async function recordSignOut(
  db: Database,
  ctx: ServiceContext,
  userId: string,
): Promise<void> {
  await recordAudit(
    db,
    { ...ctx, actor: { userId } },
    {
      scope: { type: 'system' },
      action: 'auth.sign_out',
      target: { type: 'user', id: userId },
    },
  );
}

/** The signed-in user as the web app sees them, with the system roles they hold now. */
export async function describeUser(db: Database, user: SessionUser) {
  return { ...user, systemRoles: await activeSystemRoles(db, user.id) };
}
