import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorCodes } from '../src/errors.js';
import {
  chapters,
  comments,
  evidence,
  eventSessions,
  events,
  invitations,
  inviteLinks,
  locations,
  notifications,
  organizations,
  regions,
  reportFilters,
  reports,
  users,
  webhooks,
} from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import {
  enableTwoFactor,
  idOf,
  person,
  roomyLimits,
  signUpVerified,
  type Person,
} from './support/accounts.js';
import { openForRsvps, rsvpOk } from './support/attendance.js';
import {
  anyString,
  fuzzValue,
  objectArb,
  validValue,
  wrongType,
  type JsonSchema,
} from './support/fuzz-arbitraries.js';
import { holdEventAt, newLocation, newRegion, sessionAt } from './support/places.js';
import { submitReport } from './support/reports.js';
import { admin, completeSetup, sessionCookie } from './support/setup-link.js';
import {
  acceptEmailedInvitation,
  caller,
  member,
  uniqueSlug,
  type Signed,
} from './support/structure.js';
import { totp } from './support/totp.js';

// Issue 10: random and boundary inputs for every operation of the OpenAPI document, read from
// the app itself. No answer may be 500 or above, and every 4xx has the one error shape
// (server/src/errors.ts). Requests come from someone signed out, a system admin and an
// organization admin (both with two-factor), against a small seeded world whose real ids the
// generators prefer, so that requests reach the services and the SQL, not only validation.
//
// Runs: RUNS requests per operation and caller (6: about 40 s on PGlite on 2 cores for the ~180
// operations, three callers each). FUZZ_RUNS=200 raises it locally; FUZZ_SHRINK=1 shrinks a
// counterexample (slow: each try is a request against a database the earlier ones changed).
//
// Seed: fixed by default, so that `npm test` sends the same requests every time and a CI failure
// is one every run shows, never a flake. New inputs come from FUZZ_SEED (`FUZZ_SEED=$RANDOM`):
// run it locally with a few seeds after a change; a failure names the seed that replays it. Each
// operation and caller draws from SEED plus its own index, so they do not all send the same.
const RUNS = Number(process.env.FUZZ_RUNS) || 6;
const DEFAULT_SEED = 20_240_610;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED;

/** Operations that cannot be fuzzed in-process, with why. */
const SKIPPED: Record<string, string> = {
  // A server-sent event stream: it never ends while the app runs, so inject() never returns.
  'GET /api/notifications/stream': 'an endless event stream',
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: Method;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
}

interface FuzzRequest {
  url: string;
  payload?: Buffer;
  headers: Record<string, string>;
}

interface Account {
  signed: Signed;
  secret: string;
  backupCodes: string[];
}

// Mutations go after reads, and deletions last, so that most requests still find the seeded rows.
const ORDER: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Every operation of the document, reads first and deletions last. */
function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(ops)) {
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      };
      out.push({
        method: method.toUpperCase() as Method,
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema ?? null,
      });
    }
  }
  return out.sort((a, b) => ORDER.indexOf(a.method) - ORDER.indexOf(b.method));
}

// A 1×1 PNG, so that uploads sometimes carry a real image.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A query value as it travels: arrays as repeated keys, objects as JSON, the rest as text. */
function queryPairs(name: string, value: unknown): [string, string][] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => queryPairs(name, v));
  if (value !== null && typeof value === 'object') return [[name, JSON.stringify(value)]];
  return [[name, String(value)]];
}

// A URL carries UTF-8, where a lone surrogate has no bytes: it travels as U+FFFD, as a browser
// would send it (encodeURIComponent throws on it).
const escape = (text: string) => encodeURIComponent(text.replace(/\p{Cs}/gu, '\ufffd'));

const encodeQuery = (pairs: [string, string][]) =>
  pairs.map(([k, v]) => `${escape(k)}=${escape(v)}`).join('&');

/**
 * A path segment as the router passes it on: escaped, and at most 100 characters (Fastify's
 * maxParamLength). Longer ones, and escapes that do not decode, never reach a route: the router
 * refuses them itself (see the test of those below).
 */
function segmentOf(text: string): string {
  let chars = [...text].slice(0, 100);
  while (escape(chars.join('')).length > 100) chars = chars.slice(0, -1);
  return escape(chars.join(''));
}

/** One request to an operation: its path parameters, query, headers and body, all generated. */
function requestArb(op: Operation, known: (name: string) => readonly string[]) {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');

  const segment = (p: Parameter): fc.Arbitrary<string> => {
    const real = known(p.name);
    return fc.oneof(
      { weight: real.length ? 8 : 0, arbitrary: fc.constantFrom(...(real.length ? real : [''])) },
      { weight: 2, arbitrary: validValue(p.schema, p.name).map((v) => segmentOf(String(v))) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: anyString().map(segmentOf) },
    );
  };
  const path = fc
    .tuple(...pathParams.map(segment))
    .map((values) =>
      pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i]!), op.path),
    );

  const query = fc
    .tuple(
      ...queryParams.map((p) =>
        p.required
          ? fuzzValue(p.schema, p.name, known)
          : fc.option(fuzzValue(p.schema, p.name, known), { nil: undefined }),
      ),
      fc.option(fc.tuple(fc.string({ maxLength: 8 }), anyString()), { freq: 10, nil: undefined }),
    )
    .map((values) => {
      const pairs = queryParams.flatMap((p, i) => queryPairs(p.name, values[i]));
      const extra = values[queryParams.length] as [string, string] | undefined;
      if (extra) pairs.push(extra);
      return pairs.length ? `?${encodeQuery(pairs)}` : '';
    });

  const headers = fc
    .tuple(
      ...headerParams.map((p) =>
        fc.option(
          fc.oneof(
            {
              weight: 3,
              arbitrary: fc.constantFrom(...(known(p.name).length ? known(p.name) : ['x'])),
            },
            { weight: 2, arbitrary: validValue(p.schema, p.name).map(latin1) },
            // Header values are Latin-1 on the wire: anything else is not a header one can send.
            { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 300 }) },
          ),
          { nil: undefined },
        ),
      ),
    )
    .map((values) =>
      Object.fromEntries(
        headerParams.flatMap((p, i) => (values[i] === undefined ? [] : [[p.name, values[i]!]])),
      ),
    );

  const body: fc.Arbitrary<{ payload?: Buffer; type?: string }> = op.body
    ? fc.oneof(
        {
          weight: 12,
          arbitrary: objectArb(op.body, known).map((v) => ({
            payload: Buffer.from(JSON.stringify(v)),
            type: 'application/json',
          })),
        },
        {
          weight: 1,
          arbitrary: wrongType().map((v) => ({
            payload: Buffer.from(JSON.stringify(v)),
            type: 'application/json',
          })),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            { payload: Buffer.from('{"a":'), type: 'application/json' },
            { payload: Buffer.from(''), type: 'application/json' },
            { payload: Buffer.from('{}'), type: 'text/plain' },
            { payload: Buffer.from('a=1'), type: 'application/x-www-form-urlencoded' },
            {},
          ),
        },
      )
    : // No JSON body: either none, or bytes (what the uploads take), of some type or none.
      fc.oneof(
        { weight: 2, arbitrary: fc.constant({}) },
        {
          weight: 2,
          arbitrary: fc
            .tuple(
              fc.oneof(fc.uint8Array({ maxLength: 2048 }).map(Buffer.from), fc.constant(png)),
              fc.constantFrom('image/png', 'application/octet-stream', 'text/plain', 'image/gif'),
            )
            .map(([payload, type]) => ({ payload, type })),
        },
      );

  return fc.tuple(path, query, headers, body).map(([p, q, h, b]): FuzzRequest => ({
    url: p + q,
    ...(b.payload ? { payload: b.payload } : {}),
    headers: { ...h, ...(b.type ? { 'content-type': b.type } : {}) },
  }));
}

// The one error body (server/src/errors.ts), strictly: nothing more, nothing less.
const errorShape = z
  .object({
    error: z
      .object({
        code: z.enum(Object.keys(errorCodes) as [keyof typeof errorCodes]),
        message: z.string().min(1),
        details: z
          .array(z.object({ field: z.string().optional(), message: z.string() }).strict())
          .optional(),
        requestId: z.string().min(1),
      })
      .strict(),
  })
  .strict();

/** Text as a header carries it: its UTF-8 bytes, read as Latin-1 the way Node reads them. */
const latin1 = (value: unknown) => Buffer.from(String(value), 'utf8').toString('latin1');

/** Why an answer breaks the contract, or null when it keeps it. */
function problemWith(res: {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}): string | null {
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 500)}`;
  if (res.statusCode < 400) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    return `answered ${res.statusCode} with a body that is not JSON: ${res.body.slice(0, 200)}`;
  }
  const shape = errorShape.safeParse(parsed);
  if (!shape.success) {
    return `answered ${res.statusCode} not in the error shape: ${res.body.slice(0, 300)}`;
  }
  const { code, requestId } = shape.data.error;
  if (errorCodes[code] !== res.statusCode && !(res.statusCode === 400 && code === 'bad_request')) {
    return `answered ${res.statusCode} with code ${code}, which means ${errorCodes[code]}`;
  }
  if (requestId !== res.headers['x-request-id'])
    return `requestId ${requestId} is not the header's`;
  return null;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let operations: Operation[];
  let sys: Account;
  let orgAdmin: Account;
  const ids = new Map<string, string[]>();

  /** Starts a sign-in; reactivates the account first if the fuzzing deactivated it. */
  const startSignIn = async (account: Account) => {
    const { email, password } = account.signed.who;
    let res = await call(null, 'POST', '/api/auth/sign-in', { email, password });
    if (res.statusCode === 403 && account !== sys) {
      const back = `/api/admin/users/${account.signed.id}/reactivate`;
      expect((await call(sys.signed.cookie, 'POST', back, {})).statusCode).toBe(200);
      res = await call(null, 'POST', '/api/auth/sign-in', { email, password });
    }
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  /**
   * Signs in again if the fuzzing ended this account's session (a sign-out, a deactivation, a
   * reset of its two-factor), and turns two-factor back on if it was reset.
   */
  const keepSignedIn = async (account: Account, after: string) => {
    const session = await call(account.signed.cookie, 'GET', '/api/auth/session');
    if ((session.json() as { user: unknown }).user) return;
    const answers: string[] = [];
    // A code may be used once: a second sign-in in the same 30 s uses a backup code.
    for (const code of [totp(account.secret), ...account.backupCodes.splice(0, 3)]) {
      const start = await startSignIn(account);
      if ((start.json() as { status: string }).status === 'signed_in') {
        const fresh = await twoFactorAccount(
          account.signed.who,
          sessionCookie(start.headers['set-cookie']),
        );
        Object.assign(account, fresh);
        return;
      }
      // The sign-in waits for its second step under a cookie of its own.
      const pending = [start.headers['set-cookie']]
        .flat()
        .find((c) => c?.includes('two_factor='))!
        .split(';')[0]!;
      const res = await call(pending, 'POST', '/api/auth/two-factor', { code });
      if (res.statusCode === 200) {
        account.signed.cookie = sessionCookie(res.headers['set-cookie']);
        return;
      }
      answers.push(res.body);
    }
    throw new Error(`could not sign ${account.signed.who.email} in after ${after}: ${answers}`);
  };

  /** A confirmed account with two-factor on, remembering what signing in again takes. */
  const twoFactorAccount = async (who: Person, cookie: string): Promise<Account> => {
    const on = await enableTwoFactor(ctx, cookie, who.password);
    return {
      signed: { who, id: await idOf(ctx, who.email), cookie: on.cookie },
      secret: on.secret,
      backupCodes: on.backupCodes,
    };
  };

  beforeAll(async () => {
    // Errors are logged to a file, so that a 500 is told with its cause (found by request id).
    ctx = await createTestApp(
      { ...roomyLimits, WEBHOOK_TIMEOUT_MS: '200' },
      { logger: pino({ level: 'error' }, pino.destination({ dest: errorLog, sync: true })) },
    );
    call = caller(ctx);
    const doc = await ctx.app.inject({ url: '/api/openapi.json' });
    operations = operationsOf(doc.json());

    // The world: an organization with a chapter, an open event held at a location of a region,
    // with a session, RSVPs, reports (one anonymous), a comment, evidence, a webhook, an invite
    // link, an invitation and a saved filter; and its people.
    sys = await twoFactorAccount(admin, await completeSetup(ctx));
    const olga = person('Olga Orgadmin');
    orgAdmin = await twoFactorAccount(olga, await signUpVerified(ctx, olga));
    const attendee = await member(ctx, 'Rae Reporter');
    const slug = uniqueSlug('org');
    const created = await call(sys.signed.cookie, 'POST', '/api/organizations', {
      name: `Org ${slug}`,
      slug,
      firstAdminEmail: olga.email,
    });
    expect(created.statusCode, created.body).toBe(201);
    const orgId = (created.json() as { organization: { id: string } }).organization.id;
    await acceptEmailedInvitation(ctx, orgAdmin.signed);
    const org = { id: orgId, slug, orgAdmin: orgAdmin.signed };
    const admin1 = orgAdmin.signed.cookie;

    const chapter = await call(admin1, 'POST', `/api/organizations/${orgId}/chapters`, {
      name: 'North',
      slug: uniqueSlug('ch'),
    });
    expect(chapter.statusCode, chapter.body).toBe(201);
    const ev = await openForRsvps(ctx, org, {
      attendeeCapacity: 5,
      settings: { reportIntake: 'anonymous' },
    });
    const region = await newRegion(ctx, admin1);
    const location = await newLocation(ctx, admin1, { regionId: region.id });
    await holdEventAt(ctx, org, ev.id, location.id);
    const sessionId = await sessionAt(ctx, org, ev.id, location.id);
    await rsvpOk(ctx, attendee, ev.id, { sessionIds: [sessionId] });
    const report = await submitReport(ctx, ev.id, attendee.cookie);
    const anonymous = await submitReport(ctx, ev.id, null, { anonymous: true });
    const seeded = await Promise.all([
      call(admin1, 'POST', `/api/reports/${report.id}/comments`, {
        body: 'We are looking into it.',
        visibility: 'external',
      }),
      call(admin1, 'POST', `/api/reports/${report.id}/evidence?name=notes.txt`, Buffer.from('hi'), {
        'content-type': 'text/plain',
      }),
      call(admin1, 'POST', `/api/events/${ev.id}/webhooks`, {
        format: 'generic',
        url: 'http://127.0.0.1:9/hook',
      }),
      call(admin1, 'POST', `/api/events/${ev.id}/invite-links`, {
        role: 'responder',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        maxUses: 5,
      }),
      call(admin1, 'POST', `/api/events/${ev.id}/invitations`, {
        emails: ['invitee@example.org'],
        role: 'responder',
      }),
      call(admin1, 'POST', `/api/events/${ev.id}/report-filters`, {
        name: 'Urgent',
        query: { severity: 'high' },
      }),
    ]);
    for (const res of seeded) expect(res.statusCode, res.body).toBeLessThan(300);

    // From here on, the audit check (support/audit-check.ts) writes what it finds to a file
    // instead of throwing inside a request, so that each finding is told with its operation.
    process.env.AUDIT_CHECK_REPORT = auditReport;

    // The real ids, read back from the tables, by the names the document gives them.
    const { db } = ctx.database;
    const column = async (rows: Promise<{ v: string | null }[]>) =>
      (await rows).map((r) => r.v).filter((v): v is string => !!v);
    const userIds = await column(db.select({ v: users.id }).from(users));
    const table = {
      org: await column(db.select({ v: organizations.id }).from(organizations)),
      chapter: await column(db.select({ v: chapters.id }).from(chapters)),
      event: await column(db.select({ v: events.id }).from(events)),
      region: await column(db.select({ v: regions.id }).from(regions)),
      location: await column(db.select({ v: locations.id }).from(locations)),
      report: await column(db.select({ v: reports.id }).from(reports)),
      comment: await column(db.select({ v: comments.id }).from(comments)),
      evidence: await column(db.select({ v: evidence.id }).from(evidence)),
      webhook: await column(db.select({ v: webhooks.id }).from(webhooks)),
      link: await column(db.select({ v: inviteLinks.id }).from(inviteLinks)),
      invitation: await column(db.select({ v: invitations.id }).from(invitations)),
      filter: await column(db.select({ v: reportFilters.id }).from(reportFilters)),
      session: await column(db.select({ v: eventSessions.id }).from(eventSessions)),
      notification: await column(db.select({ v: notifications.id }).from(notifications)),
    };
    const set = (names: string[], values: string[]) => names.forEach((n) => ids.set(n, values));
    set(['orgId', 'organizationId'], table.org);
    set(['chapterId'], table.chapter);
    set(['eventId'], table.event);
    set(['regionId'], table.region);
    set(['locationId'], table.location);
    set(['reportId'], table.report);
    set(['commentId'], table.comment);
    set(['evidenceId'], table.evidence);
    set(['webhookId'], table.webhook);
    set(['linkId'], table.link);
    set(['invitationId'], table.invitation);
    set(['filterId'], table.filter);
    set(['sessionId'], table.session);
    set(['notificationId'], table.notification);
    set(['id', 'userId', 'actor'], userIds);
    set(['assignee'], [...userIds, 'me', 'none']);
    set(['targetId'], Object.values(table).flat());
    set(['slug'], [ev.slug, slug]);
    set(['email', 'firstAdminEmail'], [admin.email, olga.email, attendee.who.email]);
    set(
      ['role'],
      ['event_admin', 'responder', 'reporter', 'checkiner', 'org_admin', 'chapter_leader'],
    );
    set(['x-follow-up-token'], anonymous.followUpToken ? [anonymous.followUpToken] : []);
  });
  afterAll(async () => {
    delete process.env.AUDIT_CHECK_REPORT;
    rmSync(auditReport, { force: true });
    rmSync(errorLog, { force: true });
    await ctx?.close();
  });

  const errorLog = join(tmpdir(), `steward-fuzz-errors-${process.pid}-${Date.now()}.log`);
  /** What the server logged about a request that failed. */
  const loggedCause = (requestId: string) =>
    existsSync(errorLog)
      ? readFileSync(errorLog, 'utf8')
          .split('\n')
          .filter((line) => line.includes(requestId))
          .map((line) => {
            const entry = JSON.parse(line) as { err?: { message?: string; stack?: string } };
            return entry.err?.stack?.split('\n').slice(0, 6).join('\n') ?? line;
          })
          .join('\n')
      : '';
  const auditReport = join(tmpdir(), `steward-fuzz-audit-${process.pid}-${Date.now()}.log`);
  let auditRead = 0;
  /** What the audit check found since the last call, one line per finding. */
  const auditFindings = () => {
    if (!existsSync(auditReport)) return [];
    const text = readFileSync(auditReport, 'utf8');
    const fresh = text.slice(auditRead);
    auditRead = text.length;
    return fresh.split('\n').filter((line) => line.startsWith('audit check:'));
  };

  /** Real values for a field by its name; `reportIds` takes report ids. */
  const known = (name: string): readonly string[] =>
    ids.get(name) ?? ids.get(name.replace(/s$/, '')) ?? [];

  it('skips only operations that the document has', () => {
    const names = new Set(operations.map((o) => `${o.method} ${o.path}`));
    for (const name of Object.keys(SKIPPED)) expect(names, name).toContain(name);
    expect(operations.length).toBeGreaterThan(150);
  });

  // The router refuses these before any route or hook runs: an escape that does not decode (400),
  // and a path parameter longer than its maxParamLength of 100 (404: no id is that long). buildApp
  // gives Fastify's frameworkErrors the one error body for them.
  it('answers addresses the router cannot read in the one error shape', async () => {
    // The limit counts decoded characters: 30 escaped "é" (180 characters sent) reach the route.
    const refused: [string, number | null][] = [
      ['%', 400],
      ['%zz', 400],
      ['%E0%A4%A', 400],
      ['x'.repeat(101), 404],
      ['%C3%A9'.repeat(101), 404],
      ['%C3%A9'.repeat(30), null],
    ];
    const problems: string[] = [];
    for (const [segment, status] of refused) {
      for (const url of [`/api/events/${segment}`, `/api/reports/${segment}/comments`]) {
        const res = await call(null, 'GET', url);
        const problem =
          problemWith(res) ??
          (status === null || res.statusCode === status
            ? null
            : `answered ${res.statusCode}, not ${status}`);
        if (problem) problems.push(`GET ${url}: ${problem}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('answers every generated request below 500, errors in the one shape', async () => {
    const failures: string[] = [];
    let last = 'seeding';
    const callers: [string, Account | null][] = [
      ['signed out', null],
      ['system admin', sys],
      ['organization admin', orgAdmin],
    ];
    let checks = 0;
    for (const op of operations) {
      const name = `${op.method} ${op.path}`;
      if (SKIPPED[name]) continue;
      const previous = last;
      last = name;
      for (const [who, account] of callers) {
        if (account) await keepSignedIn(account, previous);
        const result = await fc.check(
          fc.asyncProperty(requestArb(op, known), async (req) => {
            const res = await call(
              account?.signed.cookie ?? null,
              op.method,
              req.url,
              req.payload,
              req.headers,
            );
            const problem = problemWith(res);
            if (problem) {
              const cause = loggedCause(String(res.headers['x-request-id']));
              throw new Error(cause ? `${problem}\n${cause}` : problem);
            }
          }),
          { numRuns: RUNS, seed: SEED + checks++, endOnFailure: !process.env.FUZZ_SHRINK },
        );
        for (const finding of auditFindings()) failures.push(`${name} as ${who}: ${finding}`);
        if (result.failed) {
          const example = JSON.stringify(result.counterexample?.[0], (_k, v: unknown) =>
            // Addresses and bodies may be 70,000 characters: their start tells the request.
            Buffer.isBuffer(v)
              ? v.toString('utf8').slice(0, 300)
              : typeof v === 'string'
                ? v.slice(0, 300)
                : v,
          );
          failures.push(
            `${name} as ${who}: ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}\n` +
              `  FUZZ_SEED=${SEED} replays it (path ${result.counterexamplePath}), request ${example}`,
          );
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 600_000);
});
