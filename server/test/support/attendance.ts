import pg from 'pg';
import { expect } from 'vitest';
import type { TestContext } from './app.js';
import { outboxMessages } from './outbox.js';
import { activeEvent } from './reports.js';
import { caller, member, type OrgFixture, type Signed } from './structure.js';

// Events that take RSVPs, RSVPs and sessions made through the API, for the RSVP, session,
// attendee and check-in suites.

export interface RsvpEventOptions {
  attendeeCapacity?: number | null;
  volunteerCapacity?: number | null;
  /** Policy settings (SPEC §5), e.g. `{ reportIntake: 'members' }`. */
  settings?: Record<string, unknown>;
  /** Other event fields to set, e.g. `{ startsOn: '2031-05-01' }`. */
  details?: Record<string, unknown>;
}

/** An active event of `org` that takes RSVPs, with these capacities (null: no limit). */
export async function openForRsvps(ctx: TestContext, org: OrgFixture, opts: RsvpEventOptions = {}) {
  const ev = await activeEvent(ctx, org, opts.settings ?? {});
  const res = await caller(ctx)(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
    rsvpOpen: true,
    attendeeCapacity: opts.attendeeCapacity ?? null,
    volunteerCapacity: opts.volunteerCapacity ?? null,
    ...opts.details,
  });
  expect(res.statusCode, res.body).toBe(200);
  return ev;
}

export interface RsvpBody {
  kind?: 'attendee' | 'volunteer';
  sessionIds?: string[];
  shareEmail?: boolean;
}

export interface MyRsvp {
  id: string;
  kind: 'attendee' | 'volunteer';
  status: 'confirmed' | 'waitlisted';
  waitlistPosition: number | null;
  sessionIds: string[];
  shareEmail: boolean;
  createdAt: string;
}

export interface Places {
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
}

export interface RsvpSummary {
  open: boolean;
  attendee: Places;
  volunteer: Places;
}

/** PUT /api/events/:eventId/rsvp as `person` (an attendee by default); the raw response. */
export async function rsvp(ctx: TestContext, person: Signed, eventId: string, body: RsvpBody = {}) {
  return caller(ctx)(person.cookie, 'PUT', `/api/events/${eventId}/rsvp`, {
    kind: 'attendee',
    sessionIds: [],
    shareEmail: false,
    ...body,
  });
}

/** RSVPs and expects it accepted (201 new, 200 changed); returns the RSVP and the summary. */
export async function rsvpOk(
  ctx: TestContext,
  person: Signed,
  eventId: string,
  body: RsvpBody = {},
) {
  const res = await rsvp(ctx, person, eventId, body);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as { rsvp: MyRsvp; summary: RsvpSummary };
}

/** DELETE /api/events/:eventId/rsvp as `person`: cancels their RSVP. */
export async function cancelRsvp(ctx: TestContext, person: Signed, eventId: string) {
  return caller(ctx)(person.cookie, 'DELETE', `/api/events/${eventId}/rsvp`);
}

/** A new member who RSVPs to the event and is accepted: an attendee unless `body` says so. */
export async function attendee(
  ctx: TestContext,
  eventId: string,
  name = 'Ada Attendee',
  body: RsvpBody = {},
) {
  const who = await member(ctx, name);
  const { rsvp: made } = await rsvpOk(ctx, who, eventId, body);
  return { ...who, rsvp: made };
}

export interface SessionBody {
  name?: string;
  startsAt?: string;
  endsAt?: string;
  locationId?: string | null;
  requiredForAttendees?: boolean;
  volunteersOnly?: boolean;
}

export interface Session {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  location: { id: string; name: string } | null;
  requiredForAttendees: boolean;
  volunteersOnly: boolean;
}

let sessionCount = 0;
/** Adds a session to an event as `cookie` (its editor) and expects 201. */
export async function addSession(
  ctx: TestContext,
  cookie: string,
  eventId: string,
  body: SessionBody = {},
): Promise<Session> {
  sessionCount += 1;
  const start = new Date(Date.UTC(2031, 4, 1, 9 + (sessionCount % 8)));
  const res = await caller(ctx)(cookie, 'POST', `/api/events/${eventId}/sessions`, {
    name: `Session ${sessionCount}`,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 60 * 60 * 1000).toISOString(),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { session: Session }).session;
}

/** The token of the newest RSVP cancellation link emailed to an address. */
export async function emailedCancellationToken(ctx: TestContext, to: string) {
  const links = (await outboxMessages(ctx.database.db, to))
    .map((m) => /\/rsvp\/cancel#(\S+)/.exec(m.textBody)?.[1])
    .filter((t): t is string => !!t);
  expect(links.length, `no RSVP cancellation link emailed to ${to}`).toBeGreaterThan(0);
  return links.at(-1)!;
}

/**
 * PostgreSQL only: sends `request` while the test holds the event's row lock from a connection
 * of its own. Once the request waits for that lock (its route has decided already), `change`
 * runs on that connection and commits: the request goes on with the event as changed, as when
 * someone archives an event between a route's check and its transaction.
 */
export async function changedWhileWaiting<T>(
  ctx: TestContext,
  eventId: string,
  change: (client: pg.Client) => Promise<unknown>,
  request: () => Promise<T>,
): Promise<T> {
  const pool = (ctx.database.db as unknown as { $client: pg.Pool }).$client;
  const holder = new pg.Client({ connectionString: pool.options.connectionString });
  await holder.connect();
  try {
    await holder.query('begin');
    await holder.query('select id from events where id = $1 for update', [eventId]);
    const running = request();
    await waitersOnLocks(holder, 1);
    await change(holder);
    await holder.query('commit');
    return await running;
  } finally {
    await holder.end();
  }
}

/** Waits until at least `n` other sessions of this database wait for a lock (20 s at most). */
async function waitersOnLocks(client: pg.Client, n: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
    );
    if (rows[0]!.n >= n) return;
    expect(Date.now(), 'a request waiting for the event lock').toBeLessThan(deadline);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * PostgreSQL only: sends `request` while the test holds a shared lock on the event's row from a
 * connection of its own, as a check-in at the door does, and says whether the request had to
 * wait for it. The lock is let go once the request is done or seen waiting (then it finishes).
 */
export async function waitsForSharedLock<T>(
  ctx: TestContext,
  eventId: string,
  request: () => Promise<T>,
): Promise<{ waited: boolean; result: T }> {
  const pool = (ctx.database.db as unknown as { $client: pg.Pool }).$client;
  const holder = new pg.Client({ connectionString: pool.options.connectionString });
  await holder.connect();
  try {
    await holder.query('begin');
    await holder.query('select id from events where id = $1 for share', [eventId]);
    let done = false;
    const running = request().finally(() => {
      done = true;
    });
    let waited = false;
    const deadline = Date.now() + 20_000;
    while (!done && !waited) {
      const { rows } = await holder.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
      );
      waited = rows[0]!.n > 0;
      expect(Date.now(), 'the request neither finished nor waited').toBeLessThan(deadline);
      if (!waited && !done) await new Promise((r) => setTimeout(r, 10));
    }
    await holder.query('commit');
    return { waited, result: await running };
  } finally {
    await holder.end();
  }
}

/** Archives an event behind the app's back (for changedWhileWaiting). */
export const archiveEvent = (eventId: string) => (client: pg.Client) =>
  client.query(`update events set status = 'archived', archived_at = now() where id = $1`, [
    eventId,
  ]);

/** Whether the suites run on PostgreSQL, where requests really overlap. */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
