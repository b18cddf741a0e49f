import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { batchedRows } from '../db/batch.js';
import type { Database } from '../db/connection.js';
import { preparedStatement } from '../db/prepared.js';
import { sessions, systemSettings, users } from '../db/schema/index.js';
import { actorFactsJson, factsFromJson } from '../authz/facts.js';
import type { ActorFacts } from '@steward/permissions';
import type { Auth } from './better-auth.js';
import { SESSION_IDLE_SECONDS, SESSION_REFRESH_SECONDS } from './session-policy.js';

// The user's columns the auth plugin reads: every signed-in request parses them, so not the rest.
const sessionUserColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  emailVerified: users.emailVerified,
  image: users.image,
  pronouns: users.pronouns,
  twoFactorEnabled: users.twoFactorEnabled,
  deactivatedAt: users.deactivatedAt,
  deletedAt: users.deletedAt,
  privilegesChangedAt: users.privilegesChangedAt,
};

/** A session row with the columns of its user the auth plugin checks. */
export interface SessionRecord {
  session: { id: string; createdAt: Date; issuedAt: Date | null };
  user: Pick<typeof users.$inferSelect, keyof typeof sessionUserColumns>;
  /** Read with the session on the one-query path; else the caller reads them. */
  preloaded?: { facts: ActorFacts; storedSettings: ReadonlyMap<string, unknown> };
}

/**
 * Reads the request's session in one query (session joined with its user, with the user's facts
 * and the system settings), where better-auth's getSession takes two and its endpoint machinery
 * on top, and the facts two more: every signed-in request pays for this, so it is the hottest
 * path in Steward (docs/PERFORMANCE.md).
 *
 * It handles only the plain case: a validly signed cookie naming a live session that needs no
 * sliding refresh. Everything else (no such session, an expired one, one due for its refresh
 * write) answers 'delegate', and the caller asks better-auth, which deletes, refreshes and
 * clears cookies as it always has. A missing or forged cookie is null, as better-auth says.
 */
// The session, its user, the user's roles and RSVPs, and the system settings: all a signed-in
// request needs before its route's own work, in one round trip (each costs a system call and a
// context switch both ways, which on a busy machine is most of a small request's cost). The
// lookups of requests arriving together go as one statement (db/batch.ts).
const sessionsByToken = preparedStatement((db) =>
  db
    .select({
      token: sessions.token,
      id: sessions.id,
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
      issuedAt: sessions.issuedAt,
      user: sessionUserColumns,
      facts: actorFactsJson(db, users.id),
      settings: sql<Record<
        string,
        unknown
      > | null>`(select json_object_agg(${systemSettings.name}, ${systemSettings.value}) from ${systemSettings})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(sql`${sessions.token} = any(${sql.placeholder('tokens')})`)
    .prepare('sessions_by_token'),
);

const sessionsOf = batchedRows(
  (db, tokens: readonly string[]) => sessionsByToken(db).execute({ tokens }),
  (row) => row.token,
);

export async function sessionLookup(auth: Auth, db: Database) {
  const context = await auth.$context;
  const cookieName = context.authCookies.sessionToken.name;
  const secret = context.secret;

  // A cookie's signature depends on nothing but the cookie and the secret, which does not change
  // while the process runs, so a cookie found valid stays valid: the HMAC was a few percent of
  // an opened report's CPU, computed again on every request of the same session. Only valid
  // cookies are kept (a forged one is checked each time it comes), looked up by the whole value.
  const verified = new LRUCache<string, string>({ max: 20_000 });

  /** The token of a cookie `token.signature` signed with the installation's secret, or null. */
  function verifiedToken(value: string | undefined): string | null {
    if (!value) return null;
    const known = verified.get(value);
    if (known !== undefined) return known;
    const dot = value.lastIndexOf('.');
    if (dot < 1) return null;
    const token = value.slice(0, dot);
    // The signature as better-auth writes it, character for character: a base64 decoder also
    // takes other spellings of the same bytes (URL-safe letters, no padding, anything after
    // it), and each would be another valid cookie to remember, up to a header's length each.
    const signature = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(createHmac('sha256', secret).update(token).digest('base64'));
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
    verified.set(value, token);
    return token;
  }

  return async function read(
    cookies: Record<string, string | undefined>,
  ): Promise<SessionRecord | 'delegate' | null> {
    const token = verifiedToken(cookies[cookieName]);
    if (!token) return null;
    const [row] = await sessionsOf(db, [token]);
    if (!row) return 'delegate';
    const now = Date.now();
    const expiresAt = row.expiresAt.getTime();
    // better-auth's rule: the idle expiry is pushed back once it is older than the refresh age.
    const dueForRefresh =
      expiresAt - SESSION_IDLE_SECONDS * 1000 + SESSION_REFRESH_SECONDS * 1000 <= now;
    if (expiresAt <= now || dueForRefresh) return 'delegate';
    return {
      session: { id: row.id, createdAt: row.createdAt, issuedAt: row.issuedAt },
      user: row.user,
      preloaded: {
        facts: factsFromJson(row.user.id, row.facts),
        storedSettings: new Map(Object.entries(row.settings ?? {})),
      },
    };
  };
}
