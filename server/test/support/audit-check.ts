import { appendFileSync } from 'node:fs';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { assert } from 'vitest';
import {
  auditEntries,
  chapters,
  eventLogos,
  events,
  inviteLinks,
  organizationLogos,
  organizations,
  reportAssignees,
  roleAssignments,
  sessions,
  systemSettings,
  users,
} from '../../src/db/schema/index.js';
import type { App } from '../../src/app.js';
import type { Database, DatabaseHandle } from '../../src/db/connection.js';

// Issue 8: every mutation the API suites make writes exactly one audit entry, by the right actor,
// under a scope (STYLE: every mutation is validated, authorized, audited and transactional).
// createTestApp() wraps app.inject with checkedInject, so caller() and the suites' own inject
// calls are all checked. Entries are found by the response's x-request-id, which recordAudit
// stores on each entry: exact even when a test fires requests in parallel.

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const MUTATIONS = new Set<string>(['POST', 'PUT', 'PATCH', 'DELETE']);

export type AuditEntryRow = typeof auditEntries.$inferSelect;

/** What the check knows of one mutation that answered 2xx. */
export interface CheckedCall {
  method: Method;
  /** The path without its query string. */
  path: string;
  /** The path parameters, by the names of the rule's route (decoded). */
  params: Record<string, string>;
  status: number;
  /** The JSON body sent, when it was one. */
  payload: Record<string, unknown> | undefined;
  /** The JSON body answered, when it was one. */
  body: Record<string, unknown> | undefined;
  /** The user of the session cookie sent, or null when none was valid. */
  sessionUser: string | null;
  /** The user of a session cookie the response set (sign-in, setup, two-factor), or null. */
  newSessionUser: string | null;
  /** What the rule's `state` read just before the call, and just after it (else undefined). */
  before: unknown;
  after: unknown;
}

/** What a rule's `state` reads: the parts of the call known before it is made. */
type StateQuery = (
  db: Database,
  call: Pick<CheckedCall, 'params' | 'payload' | 'sessionUser'>,
) => Promise<unknown>;

/** How many success entries a call writes: exactly, or a range (a no-op writes none). */
type Count = number | { min: number; max: number };

interface AuditRule {
  method: Method;
  /** A route as Fastify writes it: `/api/events/:eventId/reports/bulk`. */
  route: string;
  /** How many success entries this call writes (default 1), those of `alongside` left out. */
  entries?: Count | ((call: CheckedCall) => Count);
  /**
   * Actions the call also writes, once for each thing it touches besides its own (their number
   * is not known from the request): checked for actor and scope like the others, not counted.
   */
  alongside?: string[];
  /**
   * Who the success entries name (default: the session's user, or null when signed out).
   * `anonymous`: nobody, by design. `new-session`: the user of the session the response set (a
   * sign-in names who signed in). `account`: the account the flow is about, acting for itself
   * while signed out (each entry's actor is the user targeted by one of the call's entries).
   */
  actor?: 'anonymous' | 'new-session' | 'account' | ((call: CheckedCall) => string | null);
  /**
   * The stored state the call may change, read just before and just after it (outside its
   * transaction), so that `entries` can tell a no-op from a change exactly: a call that changed
   * it must write its entry, one that left it as it was writes none. The suites never send two
   * such calls on the same thing at once (the later one would be judged on the earlier's change).
   */
  state?: StateQuery;
  /** Why this mutation differs from the rule of one entry by the session's user. */
  reason: string;
}

const items = (v: unknown) => (Array.isArray(v) ? v.length : 0);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** One entry when the rule's state changed, none when it is as it was. */
const ifChanged = (c: CheckedCall) => (same(c.before, c.after) ? 0 : 1);
/** Values that uuid columns take: anything else names no row (and PostgreSQL would refuse it). */
const uuidOrNull = (v: string | undefined) =>
  v && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v : null;

/**
 * The stored values of the fields a PATCH body names (its `settings` are columns too), not the
 * whole row: other requests (a report's count, an RSVP) may touch the row meanwhile.
 */
const namedFields =
  (param: string, rowOf: (db: Database, id: string) => Promise<object | undefined>): StateQuery =>
  async (db, c) => {
    const id = uuidOrNull(c.params[param]);
    const row = id ? ((await rowOf(db, id)) as Record<string, unknown> | undefined) : undefined;
    if (!row) return null;
    const { settings, ...fields } = c.payload ?? {};
    const named = [
      ...Object.keys(fields),
      ...Object.keys(settings && typeof settings === 'object' ? settings : {}),
    ];
    return named.sort().map((k) => [k, row[k]]);
  };

/** An account's row as the admin changes see it (deactivation, two-factor). */
const accountState: StateQuery = async (db, c) => {
  const id = c.params.id;
  if (!id) return null;
  const [row] = await db
    .select({ deactivatedAt: users.deactivatedAt, twoFactorEnabled: users.twoFactorEnabled })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
};

/** An account's system role assignments (expired ones too: a grant replaces those). */
const systemRoleState: StateQuery = async (db, c) => {
  const id = c.params.id;
  if (!id) return null;
  return db
    .select({ id: roleAssignments.id, role: roleAssignments.role })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, id), eq(roleAssignments.scopeType, 'system')))
    .orderBy(roleAssignments.id);
};

/** The stored system settings, name → value (a missing row is the default). */
const settingsState: StateQuery = async (db) => {
  const rows = await db
    .select({ name: systemSettings.name, value: systemSettings.value })
    .from(systemSettings);
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
};

/** How many settings differ between two reads of settingsState. */
const settingsChanged = (c: CheckedCall) => {
  const before = (c.before ?? {}) as Record<string, unknown>;
  const after = (c.after ?? {}) as Record<string, unknown>;
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => !same(before[n], after[n])).length;
};

/** The row of `table` with an id (for namedFields): a scope's state before and after a call. */
const rowById =
  (table: typeof events | typeof organizations | typeof chapters) =>
  async (db: Database, id: string) => {
    const [row] = await db.select().from(table).where(eq(table.id, id));
    return row;
  };

/**
 * The exceptions to "exactly one success entry, by the session's user". Each one is a deliberate
 * reading of a route, with its reason; a mutation missing here that writes no entry is a bug.
 */
export const AUDIT_RULES: AuditRule[] = [
  // Signed-out account flows: the account acts for itself (better-auth's own transactions; the
  // entries follow them, docs/decisions.md).
  {
    method: 'POST',
    route: '/api/setup',
    actor: 'new-session',
    reason: 'the first admin, created and signed in by this request, completes setup',
  },
  {
    method: 'POST',
    route: '/api/setup/check',
    entries: 0,
    reason: 'checks a setup token (POST keeps it out of URLs); changes nothing',
  },
  {
    method: 'POST',
    route: '/api/auth/sign-in',
    entries: { min: 0, max: 1 },
    actor: 'new-session',
    reason:
      'names who signed in; a password accepted before the two-factor step writes nothing yet ' +
      '(the step writes auth.sign_in.two_factor)',
  },
  {
    method: 'POST',
    route: '/api/auth/two-factor',
    entries: { min: 1, max: 2 },
    actor: 'new-session',
    reason: 'the second step of a sign-in; a backup code used writes its own entry too',
  },
  {
    method: 'POST',
    route: '/api/auth/sign-up',
    entries: { min: 0, max: 2 },
    actor: 'account',
    reason:
      'the new account signs itself up; an address already taken writes nothing (the answer ' +
      'is the same, so nobody learns which addresses have accounts); through an email ' +
      'invitation it is accepted in the same request (invitation.accept)',
  },
  {
    method: 'POST',
    route: '/api/auth/verify-email',
    actor: 'account',
    reason: 'the account confirms its address from the emailed link, signed out',
  },
  {
    method: 'POST',
    route: '/api/auth/verify-email/resend',
    entries: 0,
    reason: 'sends the confirmation email again; the account and its state are unchanged',
  },
  {
    method: 'POST',
    route: '/api/auth/password/forgot',
    entries: { min: 0, max: 1 },
    actor: 'account',
    reason:
      'a request for a known account is its own; an unknown address writes a denied entry ' +
      'only (for the security view)',
  },
  {
    method: 'POST',
    route: '/api/auth/password/reset',
    actor: 'account',
    reason: 'the account sets a new password from the emailed link, signed out',
  },
  // Compound changes: one request, several facts, one transaction.
  {
    method: 'DELETE',
    route: '/api/account',
    alongside: ['rsvp.cancel'],
    reason:
      'deleting an account cancels its RSVPs to events to come: one rsvp.cancel by the person ' +
      "in each event's scope (its log says why the waitlist moved), besides the one " +
      'account.delete',
  },
  {
    method: 'POST',
    route: '/api/organizations',
    entries: 2,
    reason:
      'creating an organization also invites its first admin (invitation.create; the address ' +
      'is required)',
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/events',
    entries: { min: 1, max: 2 },
    reason: 'creating an event also makes its creator its event admin (event.team.assign)',
  },
  {
    method: 'POST',
    route: '/api/events/:eventId/invitations',
    entries: (c) => items(c.payload?.emails) || 1,
    reason: 'an email invitation to several addresses is one invitation.create per address',
  },
  {
    method: 'POST',
    route: '/api/events/:eventId/reports/bulk',
    entries: (c) => ({ min: 0, max: items(c.payload?.reportIds) }),
    reason:
      'one entry per report changed; refused ones are denied entries, unchanged ones write none',
  },
  {
    method: 'POST',
    route: '/api/events/:eventId/reports',
    entries: (c) => (c.status === 200 ? 0 : 1),
    actor: (c) => (c.payload?.anonymous === true ? null : c.sessionUser),
    reason:
      'a retry with the same idempotency key answers 200 with the first report and writes ' +
      'nothing; an anonymous report names nobody, even when its reporter is signed in',
  },
  {
    method: 'POST',
    route: '/api/admin/retention/purge',
    entries: 2,
    reason:
      'each kind (incident data, then audit entries) is purged in its own transaction with its ' +
      'own system.retention.purge entry, dry runs included',
  },
  // The follow-up link of an anonymous report: the token is the authority, not a session.
  {
    method: 'POST',
    route: '/api/follow-up/comments',
    actor: 'anonymous',
    reason:
      'the anonymous reporter replies through the link: the entry names nobody, even when the ' +
      'person holding the link is signed in, so the report stays anonymous (as submitting it)',
  },
  {
    method: 'POST',
    route: '/api/follow-up/evidence',
    actor: 'anonymous',
    reason: 'the anonymous reporter uploads through the link: named nobody (see replying)',
  },
  // No-ops: asking for what is already so changes nothing and writes nothing. Where the state
  // is known, the rule reads it before and after: one entry exactly when it changed.
  {
    method: 'POST',
    route: '/api/auth/sign-out',
    entries: (c) => (c.sessionUser ? 1 : 0),
    reason:
      'ending a session writes auth.sign_out by its user; without a valid session (signed out ' +
      'already, or never signed in) there is nothing to end and nothing to write',
  },
  {
    method: 'POST',
    route: '/api/admin/users/:id/deactivate',
    entries: ifChanged,
    state: accountState,
    reason: 'deactivating a deactivated account changes nothing',
  },
  {
    method: 'POST',
    route: '/api/admin/users/:id/reactivate',
    entries: ifChanged,
    state: accountState,
    reason: 'reactivating an active account changes nothing',
  },
  {
    method: 'POST',
    route: '/api/admin/users/:id/reset-two-factor',
    entries: ifChanged,
    state: accountState,
    reason: 'a user without two-factor has nothing to reset',
  },
  {
    method: 'PUT',
    route: '/api/admin/users/:id/system-roles/:role',
    entries: ifChanged,
    state: systemRoleState,
    reason: 'granting a system role the account already holds changes nothing',
  },
  {
    method: 'DELETE',
    route: '/api/admin/users/:id/system-roles/:role',
    entries: ifChanged,
    state: systemRoleState,
    reason: 'revoking a system role the account does not hold changes nothing',
  },
  {
    method: 'PATCH',
    route: '/api/admin/settings',
    entries: settingsChanged,
    state: settingsState,
    reason: 'one system.settings.update per setting whose value changes',
  },
  {
    method: 'PATCH',
    route: '/api/admin/retention',
    entries: settingsChanged,
    state: settingsState,
    reason:
      'one system.settings.update per retention period that changes; periods set to the ' +
      'values they already have change nothing',
  },
  {
    method: 'DELETE',
    route: '/api/organizations/:orgId/logo',
    entries: ifChanged,
    state: async (db, c) => {
      const id = uuidOrNull(c.params.orgId);
      if (!id) return [];
      return db
        .select({ id: organizationLogos.organizationId })
        .from(organizationLogos)
        .where(eq(organizationLogos.organizationId, id));
    },
    reason: 'removing a logo that is not there changes nothing',
  },
  {
    method: 'DELETE',
    route: '/api/events/:eventId/logo',
    entries: ifChanged,
    state: async (db, c) => {
      const id = uuidOrNull(c.params.eventId);
      if (!id) return [];
      return db
        .select({ id: eventLogos.eventId })
        .from(eventLogos)
        .where(eq(eventLogos.eventId, id));
    },
    reason: 'removing a logo that is not there changes nothing',
  },
  {
    method: 'POST',
    route: '/api/reports/:reportId/assignees',
    entries: ifChanged,
    state: async (db, c) => {
      const id = uuidOrNull(c.params.reportId);
      if (!id) return [];
      return db
        .select({ userId: reportAssignees.userId })
        .from(reportAssignees)
        .where(eq(reportAssignees.reportId, id))
        .orderBy(reportAssignees.userId);
    },
    reason: 'assigning someone already assigned changes nothing',
  },
  {
    method: 'DELETE',
    route: '/api/reports/:reportId/assignees/:userId',
    entries: ifChanged,
    state: async (db, c) => {
      const id = uuidOrNull(c.params.reportId);
      if (!id) return [];
      return db
        .select({ userId: reportAssignees.userId })
        .from(reportAssignees)
        .where(eq(reportAssignees.reportId, id))
        .orderBy(reportAssignees.userId);
    },
    reason: 'unassigning someone who is not assigned changes nothing',
  },
  ...(['/api/events/:eventId', '/api/organizations/:orgId'] as const).map((base): AuditRule => ({
    method: 'POST',
    route: `${base}/invite-links/:linkId/disable`,
    entries: ifChanged,
    state: async (db, c) => {
      const id = uuidOrNull(c.params.linkId);
      if (!id) return null;
      const [row] = await db
        .select({ disabledAt: inviteLinks.disabledAt })
        .from(inviteLinks)
        .where(eq(inviteLinks.id, id));
      return row ?? null;
    },
    reason: 'disabling a link that is already disabled changes nothing',
  })),
  {
    method: 'PATCH',
    route: '/api/events/:eventId',
    entries: ifChanged,
    state: namedFields('eventId', rowById(events)),
    reason: 'fields set to the values they already have change nothing and write nothing',
  },
  {
    method: 'PATCH',
    route: '/api/organizations/:orgId',
    entries: ifChanged,
    state: namedFields('orgId', rowById(organizations)),
    reason: 'details and settings set to the values they already have change nothing',
  },
  {
    method: 'PATCH',
    route: '/api/chapters/:chapterId',
    entries: ifChanged,
    state: namedFields('chapterId', rowById(chapters)),
    reason: 'a name and slug set to the values they already have change nothing',
  },
  {
    method: 'PATCH',
    route: '/api/reports/:reportId',
    entries: { min: 0, max: 1 },
    reason: 'fields set to the values they already have change nothing and write nothing',
  },
  {
    method: 'PATCH',
    route: '/api/regions/:regionId',
    entries: { min: 0, max: 1 },
    reason: 'a name and description set to the values they already have change nothing',
  },
  {
    method: 'PATCH',
    route: '/api/locations/:locationId',
    entries: { min: 0, max: 1 },
    reason: 'basic details set to the values they already have change nothing',
  },
  {
    method: 'PUT',
    route: '/api/locations/:locationId/private',
    entries: { min: 0, max: 1 },
    reason: 'private details set to the values they already have change nothing',
  },
  {
    method: 'POST',
    route: '/api/events/:eventId/checkin',
    entries: { min: 0, max: 1 },
    reason:
      'checking in someone already checked in (a second tap, another door at once) changes nothing',
  },
  {
    method: 'DELETE',
    route: '/api/events/:eventId/checkin',
    entries: { min: 0, max: 1 },
    reason: 'undoing a check-in that is not there changes nothing',
  },
  {
    method: 'POST',
    route: '/api/invite-links/redeem',
    entries: { min: 0, max: 1 },
    reason: 'redeeming a link one has already used changes nothing',
  },
  {
    method: 'PUT',
    route: '/api/events/:eventId/rsvp',
    entries: { min: 0, max: 1 },
    reason:
      'an RSVP sent again as it is changes nothing; a change of kind that moves the waitlist ' +
      'up names the promoted in its one rsvp.update entry',
  },
  {
    method: 'PATCH',
    route: '/api/events/:eventId/sessions/:sessionId',
    entries: { min: 0, max: 1 },
    reason: 'fields set to the values they already have change nothing and write nothing',
  },
  {
    method: 'POST',
    route: '/api/rsvp-cancellations',
    entries: { min: 0, max: 1 },
    actor: 'anonymous',
    reason:
      'the emailed link is the authority, signed out: its entry names nobody; using it again ' +
      'finds the RSVP cancelled and changes nothing',
  },
  // Reads sent as POST, so tokens stay out of URLs and logs.
  {
    method: 'POST',
    route: '/api/invitations/lookup',
    entries: 0,
    reason: 'reads what an invitation token is for',
  },
  {
    method: 'POST',
    route: '/api/invite-links/lookup',
    entries: 0,
    reason: 'reads what an invite-link token is for',
  },
  {
    method: 'POST',
    route: '/api/rsvp-cancellations/preview',
    entries: 0,
    reason: 'reads what an RSVP cancellation link is for',
  },
  // A person's own view of the product, not shared state.
  {
    method: 'POST',
    route: '/api/events/:eventId/report-filters',
    entries: 0,
    reason:
      "a person's own saved queue filter: nobody else sees it, and an entry would put its " +
      "search words in the event's log",
  },
  {
    method: 'DELETE',
    route: '/api/events/:eventId/report-filters/:filterId',
    entries: 0,
    reason: "removes a person's own saved queue filter (see saving one)",
  },
  {
    method: 'POST',
    route: '/api/notifications/:notificationId/read',
    entries: 0,
    reason: "a person's own reading state: what they have read, seen by nobody else",
  },
  {
    method: 'POST',
    route: '/api/notifications/read-all',
    entries: 0,
    reason: "a person's own reading state (see marking one read)",
  },
];

const compiled = AUDIT_RULES.map((rule) => ({
  rule,
  pattern: new RegExp(`^${rule.route.replace(/:([A-Za-z]+)/g, '(?<$1>[^/]+)')}/?$`),
}));

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The rule for a call, with the path parameters its route names. */
function ruleFor(method: string, path: string) {
  for (const c of compiled) {
    if (c.rule.method !== method) continue;
    const match = c.pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([k, v]) => [k, decoded(v)]),
    );
    return { rule: c.rule, params };
  }
  return undefined;
}

/** The session token in a Cookie header (better-auth signs it as `token.signature`). */
function sessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(';')) {
    const [name, ...rest] = pair.trim().split('=');
    if (!name?.endsWith('session_token')) continue;
    const value = decodeURIComponent(rest.join('='));
    return value.split('.')[0] || null;
  }
  return null;
}

/** The token of a session cookie a response set, unless it clears it. */
function setSessionToken(setCookie: string | string[] | undefined): string | null {
  const fresh = [setCookie ?? []]
    .flat()
    .find((c) => /(^|\.)session_token=/.test(c) && !/Max-Age=0/i.test(c));
  return fresh ? sessionToken(fresh.split(';')[0]) : null;
}

/** The user a session token signs in now: an unexpired session of an active account. */
async function userOfToken(database: DatabaseHandle, token: string): Promise<string | null> {
  const [row] = await database.db
    .select({ userId: sessions.userId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.token, token),
        gt(sessions.expiresAt, new Date()),
        isNull(users.deactivatedAt),
        isNull(users.deletedAt),
      ),
    );
  return row?.userId ?? null;
}

/** A JSON object sent or answered: an object, or JSON text (a string, or bytes sent as JSON). */
function jsonOf(value: unknown, contentType?: string): Record<string, unknown> | undefined {
  if (Buffer.isBuffer(value)) {
    // The server reads bytes as JSON only when they say they are (or say nothing).
    return !contentType || /json/i.test(contentType) ? jsonOf(value.toString('utf8')) : undefined;
  }
  if (value && typeof value === 'object' && !('pipe' in value)) {
    return value as Record<string, unknown>;
  }
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Wraps an app's inject so that every POST, PUT, PATCH or DELETE answering 2xx is checked against
 * the audit log (see AUDIT_RULES). The session's user is looked up just before each request,
 * never remembered: a sign-out, a rotation or a deactivation since would make it wrong.
 */
export function checkAuditOnInject(app: App, database: DatabaseHandle) {
  const inject = app.inject.bind(app) as (opts: unknown) => Promise<InjectResponse>;
  const userOf = (token: string | null) =>
    token ? userOfToken(database, token) : Promise.resolve(null);

  const checked = async (opts: unknown) => {
    // The chained and callback forms are not used by the suites; they pass through unchecked.
    if (opts === undefined || typeof opts === 'function') return inject(opts);
    const o = (typeof opts === 'string' ? { url: opts } : opts) as InjectOptions;
    const method = (o.method ?? 'GET').toUpperCase();
    if (!MUTATIONS.has(method)) return inject(opts);
    const token = sessionToken(headerOf(o.headers, 'cookie') ?? cookiesOf(o.cookies));
    const url = typeof o.url === 'string' ? o.url : (o.path ?? '');
    const path = url.split('?')[0]!;
    const found = ruleFor(method, path);
    const known = {
      params: found?.params ?? {},
      payload: jsonOf(o.payload ?? o.body, headerOf(o.headers, 'content-type')),
      sessionUser: await userOf(token),
    };
    const state = found?.rule.state;
    const before = state ? await state(database.db, known) : undefined;
    const res = await inject(opts);
    if (res.statusCode < 200 || res.statusCode >= 300) return res;
    const newToken = setSessionToken(res.headers['set-cookie'] as string | string[] | undefined);
    const call: CheckedCall = {
      ...known,
      method: method as Method,
      path,
      status: res.statusCode,
      body: jsonOf(res.body),
      newSessionUser: newToken ? await userOf(newToken) : null,
      before,
      after: state ? await state(database.db, known) : undefined,
    };
    const requestId = String(res.headers['x-request-id'] ?? '');
    const entries = await database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.requestId, requestId));
    const problem = judge(found?.rule, call, entries);
    if (problem) {
      const listed = entries
        .map((e) =>
          JSON.stringify({
            action: e.action,
            outcome: e.outcome,
            actorId: e.actorId,
            scope: `${e.scopeType}:${e.scopeId ?? ''}`,
            target: e.targetType ? `${e.targetType}:${e.targetId}` : null,
          }),
        )
        .join('\n  ');
      const message =
        // A fuzzed address may be 70,000 characters long: its start tells which request it was.
        `audit check: ${call.method} ${url.slice(0, 300)} answered ${call.status}: ${problem}` +
        ` (session user ${call.sessionUser ?? 'none'}); entries with request id ${requestId}:` +
        `\n  ${listed || 'none'}`;
      const report = process.env.AUDIT_CHECK_REPORT;
      if (report) appendFileSync(report, `${message}\n`);
      else assert.fail(message);
    }
    return res;
  };
  (app as { inject: unknown }).inject = checked;
}

/** Why these entries do not fit the call under its rule (if any), or null when they do. */
function judge(
  rule: AuditRule | undefined,
  call: CheckedCall,
  entries: AuditEntryRow[],
): string | null {
  const success = entries.filter((e) => e.outcome === 'success');
  const counted = success.filter((e) => !rule?.alongside?.includes(e.action));
  const count = typeof rule?.entries === 'function' ? rule.entries(call) : (rule?.entries ?? 1);
  const { min, max } = typeof count === 'number' ? { min: count, max: count } : count;
  if (counted.length < min || counted.length > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    return `expected ${wanted} success entr${wanted === '1' ? 'y' : 'ies'}, found ${counted.length}`;
  }
  const accounts = new Set(success.filter((e) => e.targetType === 'user').map((e) => e.targetId));
  for (const e of success) {
    const actor =
      rule?.actor === 'anonymous'
        ? null
        : rule?.actor === 'new-session'
          ? call.newSessionUser
          : rule?.actor === 'account'
            ? e.actorId !== null && accounts.has(e.actorId)
              ? e.actorId
              : `the account the call is about (${[...accounts].join(', ') || 'none'})`
            : typeof rule?.actor === 'function'
              ? rule.actor(call)
              : call.sessionUser;
    if (e.actorId !== actor) return `${e.action} names actor ${e.actorId}, expected ${actor}`;
    if (!e.scopeType) return `${e.action} has no scope`;
    if (e.scopeId === null && e.scopeType !== 'system') {
      return `${e.action} is filed under ${e.scopeType} with no id`;
    }
  }
  return null;
}

interface InjectOptions {
  method?: string;
  url?: string;
  path?: string;
  headers?: Record<string, unknown>;
  cookies?: Record<string, string>;
  payload?: unknown;
  body?: unknown;
}

interface InjectResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

function headerOf(headers: Record<string, unknown> | undefined, name: string) {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key ? headers[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function cookiesOf(cookies: Record<string, string> | undefined) {
  return cookies
    ? Object.entries(cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ')
    : undefined;
}
