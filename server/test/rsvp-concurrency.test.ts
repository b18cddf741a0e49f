import { and, asc, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, emailOutbox, rsvps, users } from '../src/db/schema/index.js';
import { roomyLimits } from './support/accounts.js';
import { createTestApp, type TestContext } from './support/app.js';
import {
  cancelRsvp,
  openForRsvps,
  rsvp,
  type MyRsvp,
  type RsvpSummary,
} from './support/attendance.js';
import { caller, member, organization, systemAdmin, type Signed } from './support/structure.js';

// Places are decided under the event's row lock: however many people RSVP or cancel at once, the
// confirmed never exceed the capacity and the waitlist stays first come, first served. On
// PostgreSQL the requests really overlap: the test holds the event's lock itself until several
// of them wait for it (seen in pg_stat_activity), so they are in flight together, then lets go.

let ctx: TestContext;
let people: Signed[];
let eventId: string;
let admin: Signed;

const PEOPLE = 100;
const PLACES = 10;

beforeAll(async () => {
  ctx = await createTestApp(roomyLimits);
  const sysAdmin = await systemAdmin(ctx);
  const org = await organization(ctx, sysAdmin);
  admin = org.orgAdmin;
  eventId = (await openForRsvps(ctx, org, { attendeeCapacity: PLACES })).id;
  people = [];
  // Accounts a few at a time: each signs up and in with a slow password hash.
  for (let i = 0; i < PEOPLE; i += 10) {
    people.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, (_, j) => member(ctx, `Person ${i + j + 1}`)),
      )),
    );
  }
}, 300_000);
afterAll(() => ctx.close());

/**
 * Runs `requests` together. On PostgreSQL, first holds the event's row lock from a connection of
 * its own until at least two of them are waiting for it (so they overlap for sure), then commits.
 */
async function together<T>(requests: () => Promise<T>[]): Promise<T[]> {
  if (ctx.database.kind !== 'postgres') return Promise.all(requests());
  const pool = (ctx.database.db as unknown as { $client: pg.Pool }).$client;
  const holder = new pg.Client({ connectionString: pool.options.connectionString });
  await holder.connect();
  try {
    await holder.query('begin');
    await holder.query('select id from events where id = $1 for update', [eventId]);
    const running = Promise.all(requests());
    const deadline = Date.now() + 20_000;
    let waiting = 0;
    while (waiting < 2 && Date.now() < deadline) {
      const { rows } = await holder.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
      );
      waiting = rows[0]!.n;
      if (waiting < 2) await new Promise((r) => setTimeout(r, 20));
    }
    await holder.query('commit');
    expect(waiting, 'requests waiting together on the event lock').toBeGreaterThanOrEqual(2);
    return await running;
  } finally {
    await holder.end();
  }
}

/** The event's RSVPs in queue order. */
const queue = () =>
  ctx.database.db
    .select()
    .from(rsvps)
    .where(eq(rsvps.eventId, eventId))
    .orderBy(asc(rsvps.queuedSeq));

/** The RSVP emails of a kind sent to each person, by user id. */
async function mailsByUser(kind: string) {
  const rows = await ctx.database.db
    .select({ userId: users.id, text: emailOutbox.textBody })
    .from(emailOutbox)
    .innerJoin(users, eq(users.email, emailOutbox.toAddress))
    .where(
      and(
        eq(emailOutbox.kind, kind),
        inArray(
          users.id,
          people.map((p) => p.id),
        ),
      ),
    )
    .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.text]);
  return out;
}

describe('RSVPs at once', () => {
  it(`${PEOPLE} people RSVPing at once for ${PLACES} places: exactly ${PLACES} confirmed, the rest waitlisted 1..${PEOPLE - PLACES} in queue order`, async () => {
    const responses = await together(() => people.map((p) => rsvp(ctx, p, eventId)));
    for (const res of responses) expect(res.statusCode, res.body).toBe(201);
    const answers = responses.map((r) => r.json() as { rsvp: MyRsvp; summary: RsvpSummary });
    for (const a of answers) expect(a.summary.attendee.confirmed).toBeLessThanOrEqual(PLACES);

    const rows = await queue();
    expect(rows).toHaveLength(PEOPLE);
    expect(rows.slice(0, PLACES).every((r) => r.status === 'confirmed')).toBe(true);
    expect(rows.slice(PLACES).every((r) => r.status === 'waitlisted')).toBe(true);

    // Each waitlisted person was told their place, and the places are 1..90 in queue order.
    const answered = new Map(answers.map((a) => [a.rsvp.id, a.rsvp]));
    expect(rows.slice(PLACES).map((r) => answered.get(r.id)?.waitlistPosition)).toEqual(
      Array.from({ length: PEOPLE - PLACES }, (_, i) => i + 1),
    );
    expect(rows.slice(0, PLACES).map((r) => answered.get(r.id)?.waitlistPosition)).toEqual(
      Array<null>(PLACES).fill(null),
    );

    // And so are they now, read back, and in their emails.
    const last = people.find((p) => p.id === rows.at(-1)!.userId)!;
    const read = await caller(ctx)(last.cookie, 'GET', `/api/events/${eventId}/rsvp`);
    expect((read.json() as { rsvp: MyRsvp }).rsvp.waitlistPosition).toBe(PEOPLE - PLACES);
    const confirmedMail = await mailsByUser('rsvp.confirmed');
    const waitlistedMail = await mailsByUser('rsvp.waitlisted');
    for (const r of rows.slice(0, PLACES)) expect(confirmedMail.get(r.userId)).toHaveLength(1);
    rows.slice(PLACES).forEach((r, i) => {
      expect(waitlistedMail.get(r.userId)).toHaveLength(1);
      expect(waitlistedMail.get(r.userId)![0]).toContain(`position ${i + 1}.`);
    });
  }, 120_000);

  it('cancellations at once promote exactly as many, in queue order, never over capacity, each emailed once', async () => {
    const before = await queue();
    const leaving = before.slice(0, 5).map((r) => people.find((p) => p.id === r.userId)!);
    const next = before.slice(PLACES, PLACES + 5).map((r) => r.userId);

    const responses = await together(() => leaving.map((p) => cancelRsvp(ctx, p, eventId)));
    for (const res of responses) expect(res.statusCode, res.body).toBe(200);
    for (const res of responses) {
      expect((res.json() as { summary: RsvpSummary }).summary.attendee.confirmed).toBe(PLACES);
    }

    const rows = await queue();
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    expect(confirmed).toHaveLength(PLACES);
    expect(
      rows
        .filter((r) => r.status === 'cancelled')
        .map((r) => r.userId)
        .sort(),
    ).toEqual(leaving.map((p) => p.id).sort());
    expect(confirmed.slice(PLACES - 5).map((r) => r.userId)).toEqual(next);
    // The waitlist closed up: 1..85.
    const stillWaiting = rows.filter((r) => r.status === 'waitlisted');
    expect(stillWaiting).toHaveLength(PEOPLE - PLACES - 5);

    // Each cancellation named the one it promoted; together, the five next in line.
    const entries = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(
        inArray(
          auditEntries.requestId,
          responses.map((r) => String(r.headers['x-request-id'])),
        ),
      );
    const promoted = entries.flatMap(
      (e) => (e.after as { promoted?: { userId: string }[] }).promoted ?? [],
    );
    expect(promoted.map((p) => p.userId).sort()).toEqual([...next].sort());
    const promotionMail = await mailsByUser('rsvp.promoted');
    for (const id of next) expect(promotionMail.get(id)).toHaveLength(1);
    expect([...promotionMail.keys()].sort()).toEqual([...next].sort());

    const first = people.find((p) => p.id === stillWaiting[0]!.userId)!;
    const read = await caller(ctx)(first.cookie, 'GET', `/api/events/${eventId}/rsvp`);
    expect((read.json() as { rsvp: MyRsvp }).rsvp.waitlistPosition).toBe(1);
  }, 120_000);

  it('a capacity increase while people cancel promotes exactly up to the new capacity, in queue order', async () => {
    const before = await queue();
    const confirmedBefore = before.filter((r) => r.status === 'confirmed');
    const waitingBefore = before.filter((r) => r.status === 'waitlisted');
    const leaving = confirmedBefore.slice(0, 3).map((r) => people.find((p) => p.id === r.userId)!);
    const alreadyPromoted = new Set((await mailsByUser('rsvp.promoted')).keys());

    const responses = await together(() => [
      caller(ctx)(admin.cookie, 'PATCH', `/api/events/${eventId}`, { attendeeCapacity: 25 }),
      ...leaving.map((p) => cancelRsvp(ctx, p, eventId)),
    ]);
    for (const res of responses) expect(res.statusCode, res.body).toBe(200);

    const rows = await queue();
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    expect(confirmed).toHaveLength(25);
    // Whatever the order of the requests, the same 18 were next in line.
    const next = waitingBefore.slice(0, 25 - (PLACES - 3)).map((r) => r.userId);
    expect(confirmed.slice(PLACES - 3).map((r) => r.userId)).toEqual(next);
    expect(rows.find((r) => r.status === 'waitlisted')?.userId).toBe(
      waitingBefore[next.length]!.userId,
    );
    const promotionMail = await mailsByUser('rsvp.promoted');
    for (const id of next) expect(promotionMail.get(id)).toHaveLength(1);
    expect([...promotionMail.keys()].filter((id) => !alreadyPromoted.has(id)).sort()).toEqual(
      [...next].sort(),
    );
  }, 120_000);
});
