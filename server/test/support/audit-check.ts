import { appendFileSync } from 'node:fs';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { assert } from 'vitest';
import { auditEntries, sessions, users } from '../../src/db/schema/index.js';
import type { App } from '../../src/app.js';
import type { DatabaseHandle } from '../../src/db/connection.js';

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
  status: number;
  /** The JSON body sent, when it was one. */
  payload: Record<string, unknown> | undefined;
  /** The JSON body answered, when it was one. */
  body: Record<string, unknown> | undefined;
  /** The user of the session cookie sent, or null when none was valid. */
  sessionUser: string | null;
  /** The user of a session cookie the response set (sign-in, setup, two-factor), or null. */
  newSessionUser: string | null;
}

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
  /** Why this mutation differs from the rule of one entry by the session's user. */
  reason: string;
}

const items = (v: unknown) => (Array.isArray(v) ? v.length : 0);

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
    entries: (c) => (c.payload?.firstAdminEmail ? 2 : 1),
    reason: 'creating an organization also invites its first admin (invitation.create)',
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
  // No-ops: asking for what is already so changes nothing and writes nothing.
  {
    method: 'POST',
    route: '/api/admin/users/:id/reset-two-factor',
    entries: { min: 0, max: 1 },
    reason: 'a user without two-factor has nothing to reset',
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
    method: 'PATCH',
    route: '/api/admin/settings',
    entries: (c) => ({ min: 0, max: Object.keys(c.payload ?? {}).length }),
    reason: 'one system.settings.update per setting whose value changes',
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
  pattern: new RegExp(`^${rule.route.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`),
}));

function ruleFor(method: string, path: string): AuditRule | undefined {
  return compiled.find((c) => c.rule.method === method && c.pattern.test(path))?.rule;
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

function jsonOf(value: unknown): Record<string, unknown> | undefined {
  if (value && typeof value === 'object' && !Buffer.isBuffer(value) && !('pipe' in value)) {
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
 * the audit log (see AUDIT_RULES). Session users are cached per token: looked up before the
 * request, since a sign-out or a rotation changes the row.
 */
export function checkAuditOnInject(app: App, database: DatabaseHandle) {
  const inject = app.inject.bind(app) as (opts: unknown) => Promise<InjectResponse>;
  const users = new Map<string, string | null>();
  const userOf = async (token: string | null, fresh = false) => {
    if (!token) return null;
    if (!fresh && users.has(token)) return users.get(token)!;
    const user = await userOfToken(database, token);
    users.set(token, user);
    return user;
  };

  const checked = async (opts: unknown) => {
    // The chained and callback forms are not used by the suites; they pass through unchecked.
    if (opts === undefined || typeof opts === 'function') return inject(opts);
    const o = (typeof opts === 'string' ? { url: opts } : opts) as InjectOptions;
    const method = (o.method ?? 'GET').toUpperCase();
    if (!MUTATIONS.has(method)) return inject(opts);
    const token = sessionToken(headerOf(o.headers, 'cookie') ?? cookiesOf(o.cookies));
    const before = await userOf(token);
    const res = await inject(opts);
    if (res.statusCode < 200 || res.statusCode >= 300) return res;
    const newToken = setSessionToken(res.headers['set-cookie'] as string | string[] | undefined);
    const call: CheckedCall = {
      method: method as Method,
      path: (typeof o.url === 'string' ? o.url : (o.path ?? '')).split('?')[0]!,
      status: res.statusCode,
      payload: jsonOf(o.payload ?? o.body),
      body: jsonOf(res.body),
      sessionUser: before,
      newSessionUser: newToken ? await userOf(newToken, true) : null,
    };
    const requestId = String(res.headers['x-request-id'] ?? '');
    const entries = await database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.requestId, requestId));
    let problem = judge(call, entries);
    // A cached session may have ended since (signed out elsewhere, deactivated): ask again.
    if (problem && token && before) {
      const now = await userOf(token, true);
      if (now !== before) problem = judge({ ...call, sessionUser: now }, entries);
    }
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
        `audit check: ${call.method} ${o.url ?? o.path} answered ${call.status}: ${problem}` +
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

/** Why these entries do not fit the call, or null when they do. */
function judge(call: CheckedCall, entries: AuditEntryRow[]): string | null {
  const rule = ruleFor(call.method, call.path);
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
