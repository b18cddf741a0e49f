import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, locations } from '../src/db/schema/index.js';
import { roomyLimits } from './support/accounts.js';
import { createTestApp, type TestContext } from './support/app.js';
import {
  addSession,
  cancelRsvp,
  emailedCancellationToken,
  openForRsvps,
  rsvp,
  rsvpOk,
  type MyRsvp,
  type RsvpSummary,
} from './support/attendance.js';
import { outboxMessages } from './support/outbox.js';
import { addToTeam, submitReport } from './support/reports.js';
import {
  caller,
  event,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

let ctx: TestContext;
let sysAdmin: Signed;
let org: OrgFixture;

beforeAll(async () => {
  ctx = await createTestApp({ ...roomyLimits, RATE_LIMIT_RSVP_CANCELLATION_PER_IP: '1000/1m' });
  sysAdmin = await systemAdmin(ctx);
  org = await organization(ctx, sysAdmin);
});
afterAll(() => ctx.close());

type Answer = { rsvp: MyRsvp | null; summary: RsvpSummary };

const mine = async (who: Signed, eventId: string) => {
  const res = await caller(ctx)(who.cookie, 'GET', `/api/events/${eventId}/rsvp`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Answer;
};

/** The success entries a response's request wrote (found by its request id). */
const entriesOf = async (res: { headers: Record<string, unknown> }) =>
  ctx.database.db
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.requestId, String(res.headers['x-request-id'])));

const mailOf = async (who: Signed, kind: string) =>
  (await outboxMessages(ctx.database.db, who.who.email)).filter((m) => m.kind === kind);

const transition = async (eventId: string, verb: string, cookie = org.orgAdmin.cookie) => {
  const res = await caller(ctx)(cookie, 'POST', `/api/events/${eventId}/${verb}`, {});
  expect(res.statusCode, res.body).toBe(200);
};

describe('PUT /api/events/:eventId/rsvp', () => {
  it('creates an RSVP (201), changes it with a second PUT (200), and emails a confirmation', async () => {
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 10 });
    const ada = await member(ctx, 'Ada Attendee');

    const first = await rsvp(ctx, ada, ev.id, { shareEmail: true });
    expect(first.statusCode, first.body).toBe(201);
    const made = first.json() as Answer;
    expect(made.rsvp).toMatchObject({
      kind: 'attendee',
      status: 'confirmed',
      waitlistPosition: null,
      sessionIds: [],
      shareEmail: true,
    });
    expect(made.summary).toEqual({
      open: true,
      attendee: { capacity: 10, confirmed: 1, waitlisted: 0 },
      volunteer: { capacity: null, confirmed: 0, waitlisted: 0 },
    });
    const [created] = await entriesOf(first);
    expect(created).toMatchObject({
      action: 'rsvp.create',
      actorId: ada.id,
      scopeType: 'event',
      scopeId: ev.id,
      targetType: 'rsvp',
      targetId: made.rsvp!.id,
    });

    const again = await rsvp(ctx, ada, ev.id, { shareEmail: false });
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as Answer).rsvp).toMatchObject({
      id: made.rsvp!.id,
      status: 'confirmed',
      shareEmail: false,
    });
    const [changed] = await entriesOf(again);
    expect(changed).toMatchObject({
      action: 'rsvp.update',
      before: { shareEmail: true },
      after: { shareEmail: false },
    });

    // The same again changes nothing and writes nothing.
    const same = await rsvp(ctx, ada, ev.id, { shareEmail: false });
    expect(same.statusCode, same.body).toBe(200);
    expect(await entriesOf(same)).toHaveLength(0);

    expect((await mine(ada, ev.id)).rsvp?.id).toBe(made.rsvp!.id);
    const confirmations = await mailOf(ada, 'rsvp.confirmed');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.subject).toContain('confirmed');
    expect(confirmations[0]!.textBody).toContain(`${ctx.config.publicUrl}/rsvp/cancel#`);
  });

  it('confirms up to capacity, then waitlists in order with positions, and says so by email', async () => {
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 1, volunteerCapacity: 0 });
    const [a, b, c, v] = [
      await member(ctx, 'First'),
      await member(ctx, 'Second'),
      await member(ctx, 'Third'),
      await member(ctx, 'Vol'),
    ];
    expect((await rsvpOk(ctx, a, ev.id)).rsvp.status).toBe('confirmed');
    expect((await rsvpOk(ctx, b, ev.id)).rsvp).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    const third = await rsvpOk(ctx, c, ev.id);
    expect(third.rsvp).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(third.summary.attendee).toEqual({ capacity: 1, confirmed: 1, waitlisted: 2 });
    // Each kind has its own places: a volunteer capacity of 0 waitlists every volunteer.
    expect((await rsvpOk(ctx, v, ev.id, { kind: 'volunteer' })).rsvp).toMatchObject({
      kind: 'volunteer',
      status: 'waitlisted',
      waitlistPosition: 1,
    });

    const [waitlisted] = await mailOf(c, 'rsvp.waitlisted');
    expect(waitlisted!.subject).toContain('waitlist');
    expect(waitlisted!.textBody).toContain('position 2');
    expect(waitlisted!.textBody).toContain('/rsvp/cancel#');
  });

  it('re-queues at the back of the new kind on a change of kind, and moves the old kind up', async () => {
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 1, volunteerCapacity: 1 });
    const [a, b, v1, v2] = [
      await member(ctx, 'Attending'),
      await member(ctx, 'Waiting'),
      await member(ctx, 'Volunteering'),
      await member(ctx, 'Waiting to volunteer'),
    ];
    await rsvpOk(ctx, a, ev.id);
    await rsvpOk(ctx, b, ev.id);
    await rsvpOk(ctx, v1, ev.id, { kind: 'volunteer' });
    await rsvpOk(ctx, v2, ev.id, { kind: 'volunteer' });

    const moved = await rsvp(ctx, a, ev.id, { kind: 'volunteer' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as Answer).rsvp).toMatchObject({
      kind: 'volunteer',
      status: 'waitlisted',
      waitlistPosition: 2,
    });
    // The place a freed as an attendee went to the first waiting attendee, told by email.
    expect((await mine(b, ev.id)).rsvp).toMatchObject({ status: 'confirmed' });
    expect(await mailOf(b, 'rsvp.promoted')).toHaveLength(1);
    const entries = await entriesOf(moved);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'rsvp.update',
      before: { kind: 'attendee', status: 'confirmed' },
      after: {
        kind: 'volunteer',
        status: 'waitlisted',
        promoted: [{ userId: b.id, kind: 'attendee' }],
      },
    });
  });

  it('changing only sessions or shareEmail keeps the place', async () => {
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 1 });
    const s1 = await addSession(ctx, org.orgAdmin.cookie, ev.id);
    const [a, b, c] = [await member(ctx), await member(ctx), await member(ctx)];
    await rsvpOk(ctx, a, ev.id);
    await rsvpOk(ctx, b, ev.id);
    await rsvpOk(ctx, c, ev.id);
    const changed = await rsvpOk(ctx, b, ev.id, { sessionIds: [s1.id], shareEmail: true });
    expect(changed.rsvp).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
      sessionIds: [s1.id],
    });
  });

  it('takes sessions of the event only: required ones always, volunteers-only ones not for attendees', async () => {
    const ev = await openForRsvps(ctx, org);
    const other = await openForRsvps(ctx, org);
    const admin = org.orgAdmin.cookie;
    const later = await addSession(ctx, admin, ev.id, {
      startsAt: '2031-05-02T10:00:00Z',
      endsAt: '2031-05-02T11:00:00Z',
    });
    const required = await addSession(ctx, admin, ev.id, {
      startsAt: '2031-05-01T09:00:00Z',
      endsAt: '2031-05-01T10:00:00Z',
      requiredForAttendees: true,
    });
    const setUp = await addSession(ctx, admin, ev.id, { volunteersOnly: true, name: 'Set-up' });
    const elsewhere = await addSession(ctx, admin, other.id);
    const ada = await member(ctx);

    const refused = await rsvp(ctx, ada, ev.id, { sessionIds: [later.id, setUp.id] });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'validation_failed',
        details: [{ field: 'body.sessionIds', message: expect.stringContaining('Set-up') }],
      },
    });
    for (const ids of [[elsewhere.id], ['00000000-0000-4000-8000-000000000000'], ['nonsense']]) {
      const res = await rsvp(ctx, ada, ev.id, { sessionIds: ids });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ error: { details: [{ field: 'body.sessionIds' }] } });
    }

    // Required sessions come whatever was chosen, in start order.
    expect((await rsvpOk(ctx, ada, ev.id, { sessionIds: [later.id] })).rsvp.sessionIds).toEqual([
      required.id,
      later.id,
    ]);
    expect((await rsvpOk(ctx, ada, ev.id, { sessionIds: [] })).rsvp.sessionIds).toEqual([
      required.id,
    ]);
    // A volunteer may take the set-up, and is not held to the attendees' required session.
    const vol = await rsvpOk(ctx, ada, ev.id, { kind: 'volunteer', sessionIds: [setUp.id] });
    expect(vol.rsvp.sessionIds).toEqual([setUp.id]);
  });

  it('is refused signed out (401), where the event is not visible (404) and where it takes no RSVPs (403)', async () => {
    const call = caller(ctx);
    const ada = await member(ctx);
    const open = await openForRsvps(ctx, org);
    const signedOut = await call(null, 'PUT', `/api/events/${open.id}/rsvp`, {
      kind: 'attendee',
      sessionIds: [],
      shareEmail: false,
    });
    expect(signedOut.statusCode).toBe(401);

    // Another organization's draft: it does not exist for her.
    const otherOrg = await organization(ctx, sysAdmin);
    const draft = await event(ctx, otherOrg);
    expect((await rsvp(ctx, ada, draft.id)).statusCode).toBe(404);
    expect((await rsvp(ctx, ada, 'not-an-id')).statusCode).toBe(404);
    expect((await call(ada.cookie, 'GET', `/api/events/${draft.id}/rsvp`)).statusCode).toBe(404);

    // Visible but closed: rsvpOpen off.
    const closed = await openForRsvps(ctx, org);
    const patched = await call(org.orgAdmin.cookie, 'PATCH', `/api/events/${closed.id}`, {
      rsvpOpen: false,
    });
    expect(patched.statusCode).toBe(200);
    const refused = await rsvp(ctx, ada, closed.id);
    expect(refused.statusCode, refused.body).toBe(403);
    expect((await mine(ada, closed.id)).summary.open).toBe(false);

    // Archived: over.
    const archived = await openForRsvps(ctx, org);
    await transition(archived.id, 'archive');
    expect((await rsvp(ctx, ada, archived.id)).statusCode).toBe(403);

    // Suspended: only its admins open it, and they may not RSVP either.
    const suspended = await openForRsvps(ctx, org);
    await transition(suspended.id, 'suspend');
    expect((await rsvp(ctx, ada, suspended.id)).statusCode).toBe(404);
    expect((await rsvp(ctx, org.orgAdmin, suspended.id)).statusCode).toBe(403);

    // Spam: hidden everywhere.
    const spam = await openForRsvps(ctx, org);
    await transition(spam.id, 'flag-spam', sysAdmin.cookie);
    expect((await rsvp(ctx, ada, spam.id)).statusCode).toBe(404);

    expect(await outboxMessages(ctx.database.db, ada.who.email)).toSatisfy((m: unknown[]) =>
      (m as { kind: string }[]).every((x) => !x.kind.startsWith('rsvp.')),
    );
  });

  it('validates the body', async () => {
    const ev = await openForRsvps(ctx, org);
    const ada = await member(ctx);
    const bad = await caller(ctx)(ada.cookie, 'PUT', `/api/events/${ev.id}/rsvp`, {
      kind: 'speaker',
      sessionIds: [],
      shareEmail: false,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: [{ field: 'body.kind' }] } });
  });
});

describe('DELETE /api/events/:eventId/rsvp', () => {
  it("cancels, promotes the first waiting person in the same request, and names them in the cancellation's entry", async () => {
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 1 });
    const [a, b, c] = [await member(ctx), await member(ctx), await member(ctx)];
    await rsvpOk(ctx, a, ev.id);
    await rsvpOk(ctx, b, ev.id);
    await rsvpOk(ctx, c, ev.id);

    const res = await cancelRsvp(ctx, a, ev.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      rsvp: null,
      summary: {
        open: true,
        attendee: { capacity: 1, confirmed: 1, waitlisted: 1 },
        volunteer: { capacity: null, confirmed: 0, waitlisted: 0 },
      },
    });
    const entries = await entriesOf(res);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'rsvp.cancel',
      actorId: a.id,
      scopeType: 'event',
      scopeId: ev.id,
      before: { kind: 'attendee', status: 'confirmed' },
      after: { status: 'cancelled', via: 'app', promoted: [{ userId: b.id, kind: 'attendee' }] },
    });
    expect((await mine(a, ev.id)).rsvp).toBeNull();
    expect((await mine(b, ev.id)).rsvp).toMatchObject({ status: 'confirmed' });
    expect((await mine(c, ev.id)).rsvp).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    const [promotion] = await mailOf(b, 'rsvp.promoted');
    expect(promotion!.textBody).toContain('/rsvp/cancel#');

    // Nothing left to cancel.
    expect((await cancelRsvp(ctx, a, ev.id)).statusCode).toBe(404);
    expect((await cancelRsvp(ctx, await member(ctx), ev.id)).statusCode).toBe(404);
  });

  it('takes an RSVP again after a cancellation: a new place at the back of the queue', async () => {
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 1 });
    const [a, b, c] = [await member(ctx), await member(ctx), await member(ctx)];
    await rsvpOk(ctx, a, ev.id);
    const first = await rsvpOk(ctx, b, ev.id);
    await rsvpOk(ctx, c, ev.id);
    expect((await cancelRsvp(ctx, b, ev.id)).statusCode).toBe(200);
    expect((await mine(c, ev.id)).rsvp?.waitlistPosition).toBe(1);

    const back = await rsvp(ctx, b, ev.id);
    expect(back.statusCode, back.body).toBe(201);
    expect((back.json() as Answer).rsvp).toMatchObject({
      id: first.rsvp.id,
      status: 'waitlisted',
      waitlistPosition: 2,
    });
    expect(await mailOf(b, 'rsvp.waitlisted')).toHaveLength(2);
  });

  it('keeps the RSVPs of an archived event as they were (409)', async () => {
    const ev = await openForRsvps(ctx, org);
    const a = await member(ctx);
    await rsvpOk(ctx, a, ev.id);
    await transition(ev.id, 'archive');
    const res = await cancelRsvp(ctx, a, ev.id);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'invalid_state' } });
  });
});

describe('capacity', () => {
  it('a larger capacity promotes the waitlist in the same request, named in its entry', async () => {
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 1 });
    const people = [await member(ctx), await member(ctx), await member(ctx), await member(ctx)];
    for (const p of people) await rsvpOk(ctx, p, ev.id);
    const res = await caller(ctx)(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
      attendeeCapacity: 3,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = await entriesOf(res);
    expect(entry).toMatchObject({
      action: 'event.update',
      after: {
        attendeeCapacity: 3,
        promoted: [
          { userId: people[1]!.id, kind: 'attendee' },
          { userId: people[2]!.id, kind: 'attendee' },
        ],
      },
    });
    expect((await mine(people[3]!, ev.id)).rsvp).toMatchObject({ waitlistPosition: 1 });
    for (const p of people.slice(1, 3)) expect(await mailOf(p, 'rsvp.promoted')).toHaveLength(1);
    expect(await mailOf(people[3]!, 'rsvp.promoted')).toHaveLength(0);

    // A smaller one takes no place away; newcomers wait until there is room.
    const smaller = await caller(ctx)(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
      attendeeCapacity: 1,
    });
    expect(smaller.statusCode).toBe(200);
    expect((await mine(people[1]!, ev.id)).rsvp?.status).toBe('confirmed');
    expect((await mine(people[1]!, ev.id)).summary.attendee).toEqual({
      capacity: 1,
      confirmed: 3,
      waitlisted: 1,
    });

    // No limit: everyone waiting comes in.
    await caller(ctx)(org.orgAdmin.cookie, 'PATCH', `/api/events/${ev.id}`, {
      attendeeCapacity: null,
    });
    expect((await mine(people[3]!, ev.id)).rsvp?.status).toBe('confirmed');
  });
});

describe('the cancellation link', () => {
  const PREVIEW = '/api/rsvp-cancellations/preview';
  const CANCEL = '/api/rsvp-cancellations';
  const previewLink = (token: string) =>
    ctx.app.inject({ method: 'POST', url: PREVIEW, payload: { token } });
  const useLink = (token: string) =>
    ctx.app.inject({ method: 'POST', url: CANCEL, payload: { token } });

  it('previews and cancels signed out, audited with no actor; a second use answers the same', async () => {
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 1 });
    const [a, b] = [await member(ctx), await member(ctx)];
    await rsvpOk(ctx, a, ev.id);
    await rsvpOk(ctx, b, ev.id);
    const token = await emailedCancellationToken(ctx, a.who.email);
    const preview = await previewLink(token);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      event: { name: expect.any(String), slug: ev.slug, startsOn: null },
      kind: 'attendee',
      status: 'confirmed',
    });

    const used = await useLink(token);
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toEqual({ event: { name: expect.any(String), slug: ev.slug } });
    const entries = await entriesOf(used);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'rsvp.cancel',
      actorId: null,
      scopeType: 'event',
      scopeId: ev.id,
      after: { via: 'link', promoted: [{ userId: b.id }] },
    });
    expect((await mine(b, ev.id)).rsvp?.status).toBe('confirmed');
    expect(await mailOf(b, 'rsvp.promoted')).toHaveLength(1);

    const again = await useLink(token);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(used.json());
    expect(await entriesOf(again)).toHaveLength(0);
    expect(((await previewLink(token)).json() as { status: string }).status).toBe('cancelled');
  });

  it('takes the token in the body only: never in a path, where access logs would keep it', async () => {
    const ev = await openForRsvps(ctx, org);
    const a = await member(ctx);
    await rsvpOk(ctx, a, ev.id);
    const token = await emailedCancellationToken(ctx, a.who.email);
    for (const method of ['GET', 'POST'] as const) {
      const inPath = await ctx.app.inject({ method, url: `/api/rsvp-cancellations/${token}` });
      expect(inPath.statusCode, `${method} with the token in the path`).toBe(404);
    }
    expect((await mine(a, ev.id)).rsvp?.status).toBe('confirmed');
    const bad = [{}, { token: '' }, { token: token, extra: 1 }, { token: 'x'.repeat(201) }];
    for (const payload of bad) {
      const res = await ctx.app.inject({ method: 'POST', url: CANCEL, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await mine(a, ev.id)).rsvp?.status).toBe('confirmed');
  });

  it('answers 404 for a link that is not ours, tampered or malformed', async () => {
    const ev = await openForRsvps(ctx, org);
    const a = await member(ctx);
    const made = await rsvpOk(ctx, a, ev.id);
    const token = await emailedCancellationToken(ctx, a.who.email);
    const [id, mac] = token.split('.') as [string, string];
    const flipped = `${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    const forged = [
      `${id}.${flipped}`,
      `${id}.`,
      `${id}.${mac}.x`,
      `${id}.${mac}=`,
      `00000000-0000-4000-8000-000000000000.${mac}`,
      'nonsense',
    ];
    for (const bad of forged) {
      expect((await previewLink(bad)).statusCode, `preview ${bad}`).toBe(404);
      expect((await useLink(bad)).statusCode, `use ${bad}`).toBe(404);
    }
    expect((await mine(a, ev.id)).rsvp?.id).toBe(made.rsvp.id);
  });

  it('is rate-limited per client address', async () => {
    const limited = await createTestApp({ RATE_LIMIT_RSVP_CANCELLATION_PER_IP: '2/1m' });
    try {
      const hit = (url: string) =>
        limited.app.inject({ method: 'POST', url, payload: { token: 'nonsense' } });
      // The preview and the cancellation share the limit.
      expect((await hit(PREVIEW)).statusCode).toBe(404);
      expect((await hit(CANCEL)).statusCode).toBe(404);
      const third = await hit(PREVIEW);
      expect(third.statusCode).toBe(429);
      expect(third.headers['retry-after']).toBeDefined();
      expect((await hit(CANCEL)).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('GET /api/me/rsvps', () => {
  it("lists the caller's live RSVPs of events they may see, upcoming first", async () => {
    const own = await organization(ctx, sysAdmin);
    const admin = own.orgAdmin.cookie;
    const [place] = await ctx.database.db
      .insert(locations)
      .values({ name: 'Community hall', address: '1 Main Street' })
      .returning();
    const dated = async (details: Record<string, unknown>) => openForRsvps(ctx, own, { details });
    const year = new Date().getUTCFullYear();
    const past = await dated({ startsOn: `${year - 1}-03-01`, endsOn: `${year - 1}-03-02` });
    const older = await dated({ startsOn: `${year - 2}-03-01`, endsOn: `${year - 2}-03-01` });
    const later = await dated({ startsOn: `${year + 2}-03-01`, locationId: place!.id });
    const soon = await dated({ startsOn: `${year + 1}-03-01`, endsOn: `${year + 1}-03-03` });
    const undated = await dated({});
    const cancelled = await dated({ startsOn: `${year + 1}-01-01` });
    const hidden = await dated({ startsOn: `${year + 1}-02-01` });
    const ada = await member(ctx);
    for (const ev of [past, older, later, soon, undated, cancelled, hidden]) {
      await rsvpOk(ctx, ada, ev.id);
    }
    expect((await cancelRsvp(ctx, ada, cancelled.id)).statusCode).toBe(200);
    // Suspended: no longer hers to see.
    await transition(hidden.id, 'suspend', admin);

    const res = await caller(ctx)(ada.cookie, 'GET', '/api/me/rsvps');
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json() as {
      items: (MyRsvp & { event: { id: string; location: { name: string } | null } })[];
    };
    expect(items.map((i) => i.event.id)).toEqual([
      soon.id,
      later.id,
      undated.id,
      past.id,
      older.id,
    ]);
    expect(items[1]).toMatchObject({
      status: 'confirmed',
      event: { slug: later.slug, location: { name: 'Community hall' }, timeZone: 'UTC' },
    });
    expect(res.json()).toMatchObject({ total: 5, page: 1, pageSize: 100 });

    // A page at a time, in the same order; the hidden event counts nowhere.
    const page = async (n: number) => {
      const paged = await caller(ctx)(ada.cookie, 'GET', `/api/me/rsvps?page=${n}&pageSize=2`);
      expect(paged.statusCode, paged.body).toBe(200);
      const body = paged.json() as { items: { event: { id: string } }[]; total: number };
      expect(body.total).toBe(5);
      return body.items.map((i) => i.event.id);
    };
    expect([...(await page(1)), ...(await page(2)), ...(await page(3))]).toEqual(
      items.map((i) => i.event.id),
    );
    const tooMany = await caller(ctx)(ada.cookie, 'GET', '/api/me/rsvps?pageSize=101');
    expect(tooMany.statusCode).toBe(400);

    expect((await caller(ctx)(null, 'GET', '/api/me/rsvps')).statusCode).toBe(401);
  });
});

describe('an RSVP makes a reporter', () => {
  it('lets an attendee report where intake is for members, until the RSVP is cancelled', async () => {
    // reportIntake is `members` by default: event roles and attendees.
    const ev = await openForRsvps(ctx, org);
    const [ada, stranger] = [await member(ctx), await member(ctx)];
    const report = (who: Signed) =>
      caller(ctx)(who.cookie, 'POST', `/api/events/${ev.id}/reports`, {
        idempotencyKey: crypto.randomUUID(),
        title: 'Unwanted comments',
        description: 'Someone kept commenting after I asked them to stop.',
        type: 'harassment',
      });
    expect((await report(stranger)).statusCode).toBe(403);
    await rsvpOk(ctx, ada, ev.id);
    expect((await report(ada)).statusCode).toBe(201);

    // Waitlisted counts as well.
    const full = await openForRsvps(ctx, org, { attendeeCapacity: 0 });
    const waiting = await member(ctx);
    expect((await rsvpOk(ctx, waiting, full.id)).rsvp.status).toBe('waitlisted');
    const res = await caller(ctx)(waiting.cookie, 'POST', `/api/events/${full.id}/reports`, {
      idempotencyKey: crypto.randomUUID(),
      title: 'Blocked exit',
      description: 'The fire exit was blocked by boxes.',
      type: 'safety',
    });
    expect(res.statusCode, res.body).toBe(201);

    expect((await cancelRsvp(ctx, ada, ev.id)).statusCode).toBe(200);
    expect((await report(ada)).statusCode).toBe(403);
  });

  it('lets an attendee be assigned where leaders do not see incidents', async () => {
    const quiet = await organization(ctx, sysAdmin, { leadersSeeIncidents: false });
    const ev = await openForRsvps(ctx, quiet);
    const admin = await member(ctx, 'Explicit Admin', { twoFactor: true });
    await addToTeam(ctx, quiet, ev.id, admin, 'event_admin');
    const helper = await member(ctx, 'Quiet Attendee');
    await rsvpOk(ctx, helper, ev.id);
    const report = await submitReport(ctx, ev.id, admin.cookie);
    const call = caller(ctx);
    const assigned = await call(admin.cookie, 'POST', `/api/reports/${report.id}/assignees`, {
      userId: helper.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await call(helper.cookie, 'GET', `/api/reports/${report.id}`)).statusCode).toBe(200);
  });

  it('keeps an assignee whose only tie is an RSVP on the report, until it is cancelled', async () => {
    const ev = await openForRsvps(ctx, org);
    const helper = await member(ctx, 'Helpful Attendee');
    await rsvpOk(ctx, helper, ev.id);
    const report = await submitReport(ctx, ev.id, org.orgAdmin.cookie);
    const call = caller(ctx);
    const assigned = await call(
      org.orgAdmin.cookie,
      'POST',
      `/api/reports/${report.id}/assignees`,
      {
        userId: helper.id,
      },
    );
    expect(assigned.statusCode, assigned.body).toBe(200);

    const dashboard = async () => {
      const res = await call(helper.cookie, 'GET', '/api/me/responder-dashboard');
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { assignedToMe: { id: string }[] }).assignedToMe.map((r) => r.id);
    };
    expect(await dashboard()).toEqual([report.id]);
    expect((await call(helper.cookie, 'GET', `/api/reports/${report.id}`)).statusCode).toBe(200);

    expect((await cancelRsvp(ctx, helper, ev.id)).statusCode).toBe(200);
    expect(await dashboard()).toEqual([]);
    expect((await call(helper.cookie, 'GET', `/api/reports/${report.id}`)).statusCode).toBe(404);
  });
});
