import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, checkIns, events, locations } from '../src/db/schema/index.js';
import { roomyLimits } from './support/accounts.js';
import { createTestApp, type TestContext } from './support/app.js';
import {
  addSession,
  archiveEvent,
  cancelRsvp,
  changedWhileWaiting,
  onPostgres,
  openForRsvps,
  rsvpOk,
  type MyRsvp,
  type Session,
} from './support/attendance.js';
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
  ctx = await createTestApp(roomyLimits);
  sysAdmin = await systemAdmin(ctx);
  org = await organization(ctx, sysAdmin);
});
afterAll(() => ctx.close());

const entriesOf = async (res: { headers: Record<string, unknown> }) =>
  ctx.database.db
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.requestId, String(res.headers['x-request-id'])));

// Locations are another module's; a row is all a session needs of one.
async function place(name: string, archived = false) {
  const [row] = await ctx.database.db
    .insert(locations)
    .values({ name, address: `${name} street 1`, archivedAt: archived ? new Date() : null })
    .returning();
  return row!;
}

const url = (eventId: string, sessionId?: string) =>
  `/api/events/${eventId}/sessions${sessionId ? `/${sessionId}` : ''}`;

const times = { startsAt: '2031-05-01T09:00:00.000Z', endsAt: '2031-05-01T10:30:00.000Z' };

const sessionsOf = async (eventId: string, cookie: string | null = null) => {
  const res = await caller(ctx)(cookie, 'GET', url(eventId));
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { sessions: Session[] }).sessions;
};

const rsvpOf = async (who: Signed, eventId: string) =>
  (
    (await caller(ctx)(who.cookie, 'GET', `/api/events/${eventId}/rsvp`)).json() as {
      rsvp: MyRsvp | null;
    }
  ).rsvp;

describe('GET /api/events/:eventId/sessions', () => {
  it('lists sessions by start time to whoever may see the event, signed out too', async () => {
    const ev = await openForRsvps(ctx, org);
    const admin = org.orgAdmin.cookie;
    const late = await addSession(ctx, admin, ev.id, {
      name: 'Closing',
      startsAt: '2031-05-01T17:00:00Z',
      endsAt: '2031-05-01T18:00:00Z',
    });
    const early = await addSession(ctx, admin, ev.id, {
      name: 'Opening',
      startsAt: '2031-05-01T08:00:00Z',
      endsAt: '2031-05-01T09:00:00Z',
    });
    expect((await sessionsOf(ev.id)).map((s) => s.id)).toEqual([early.id, late.id]);

    const otherOrg = await organization(ctx, sysAdmin);
    const draft = await event(ctx, otherOrg);
    const stranger = await member(ctx);
    expect((await caller(ctx)(stranger.cookie, 'GET', url(draft.id))).statusCode).toBe(404);
    expect((await caller(ctx)(null, 'GET', url(draft.id))).statusCode).toBe(404);
    expect((await caller(ctx)(null, 'GET', url('nonsense'))).statusCode).toBe(404);
  });
});

describe('POST /api/events/:eventId/sessions', () => {
  it('adds a session (event.update), audited in the event', async () => {
    const ev = await openForRsvps(ctx, org);
    const hall = await place('Hall');
    const res = await caller(ctx)(org.orgAdmin.cookie, 'POST', url(ev.id), {
      name: ' Workshop ',
      ...times,
      locationId: hall.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { session } = res.json() as { session: Session };
    expect(session).toEqual({
      id: expect.any(String),
      name: 'Workshop',
      ...times,
      location: {
        id: hall.id,
        name: 'Hall',
        address: 'Hall street 1',
        region: null,
        archived: false,
      },
      requiredForAttendees: false,
      volunteersOnly: false,
    });
    expect(await entriesOf(res)).toEqual([
      expect.objectContaining({
        action: 'session.create',
        actorId: org.orgAdmin.id,
        scopeType: 'event',
        scopeId: ev.id,
        targetType: 'session',
        targetId: session.id,
      }),
    ]);
  });

  it('is refused signed out (401), to strangers (404) and to people who may only see the event (403)', async () => {
    const call = caller(ctx);
    const ev = await openForRsvps(ctx, org);
    const body = { name: 'Talk', ...times };
    expect((await call(null, 'POST', url(ev.id), body)).statusCode).toBe(401);

    const attendee = await member(ctx);
    await rsvpOk(ctx, attendee, ev.id);
    expect((await call(attendee.cookie, 'POST', url(ev.id), body)).statusCode).toBe(403);

    const otherOrg = await organization(ctx, sysAdmin);
    const draft = await event(ctx, otherOrg);
    expect((await call(attendee.cookie, 'POST', url(draft.id), body)).statusCode).toBe(404);
    // The other organization's admin may.
    expect((await call(otherOrg.orgAdmin.cookie, 'POST', url(draft.id), body)).statusCode).toBe(
      201,
    );
  });

  it('refuses what cannot be: an end before the start, required and volunteers-only, a location gone or archived', async () => {
    const ev = await openForRsvps(ctx, org);
    const old = await place('Old barn', true);
    const post = (body: Record<string, unknown>) =>
      caller(ctx)(org.orgAdmin.cookie, 'POST', url(ev.id), { name: 'Talk', ...times, ...body });
    const cases: [Record<string, unknown>, string][] = [
      [{ endsAt: times.startsAt }, 'body.endsAt'],
      [{ endsAt: '2031-05-01T08:00:00Z' }, 'body.endsAt'],
      [{ requiredForAttendees: true, volunteersOnly: true }, 'body.volunteersOnly'],
      [{ locationId: old.id }, 'body.locationId'],
      [{ locationId: '00000000-0000-4000-8000-000000000000' }, 'body.locationId'],
      [{ locationId: 'nonsense' }, 'body.locationId'],
      [{ startsAt: 'tomorrow' }, 'body.startsAt'],
      [{ name: '  ' }, 'body.name'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ error: { details: [{ field }] } });
    }
    expect(await sessionsOf(ev.id)).toEqual([]);
  });

  it('a required session is chosen for the attendees who already RSVPed', async () => {
    const ev = await openForRsvps(ctx, org);
    const [a, v, gone] = [await member(ctx), await member(ctx), await member(ctx)];
    await rsvpOk(ctx, a, ev.id);
    await rsvpOk(ctx, v, ev.id, { kind: 'volunteer' });
    await rsvpOk(ctx, gone, ev.id);
    await cancelRsvp(ctx, gone, ev.id);
    const res = await caller(ctx)(org.orgAdmin.cookie, 'POST', url(ev.id), {
      name: 'Keynote',
      ...times,
      requiredForAttendees: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { session } = res.json() as { session: Session };
    expect((await rsvpOf(a, ev.id))?.sessionIds).toEqual([session.id]);
    expect((await rsvpOf(v, ev.id))?.sessionIds).toEqual([]);
    expect((await entriesOf(res))[0]?.after).toMatchObject({ addedToRsvps: 1 });
  });
});

describe('PATCH /api/events/:eventId/sessions/:sessionId', () => {
  it('changes fields, audited old → new; the same values change nothing', async () => {
    const ev = await openForRsvps(ctx, org);
    const s = await addSession(ctx, org.orgAdmin.cookie, ev.id, { name: 'Talk', ...times });
    const call = caller(ctx);
    const res = await call(org.orgAdmin.cookie, 'PATCH', url(ev.id, s.id), {
      name: 'Lightning talks',
      endsAt: '2031-05-01T11:00:00Z',
      reason: 'More speakers',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { session: Session }).session).toMatchObject({
      name: 'Lightning talks',
      endsAt: '2031-05-01T11:00:00.000Z',
    });
    expect(await entriesOf(res)).toEqual([
      expect.objectContaining({
        action: 'session.update',
        before: { name: 'Talk', endsAt: times.endsAt },
        after: { name: 'Lightning talks', endsAt: '2031-05-01T11:00:00.000Z' },
        reason: 'More speakers',
      }),
    ]);

    const same = await call(org.orgAdmin.cookie, 'PATCH', url(ev.id, s.id), {
      name: 'Lightning talks',
    });
    expect(same.statusCode).toBe(200);
    expect(await entriesOf(same)).toHaveLength(0);

    // A partial change is checked against the rest.
    const early = await call(org.orgAdmin.cookie, 'PATCH', url(ev.id, s.id), {
      endsAt: '2031-05-01T08:00:00Z',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ error: { details: [{ field: 'body.endsAt' }] } });
    const both = await call(org.orgAdmin.cookie, 'PATCH', url(ev.id, s.id), {
      requiredForAttendees: true,
      volunteersOnly: true,
    });
    expect(both.statusCode).toBe(400);
  });

  it('keeps a location that was archived since it was set, but takes no archived one anew', async () => {
    const ev = await openForRsvps(ctx, org);
    const hall = await place('Hall');
    const s = await addSession(ctx, org.orgAdmin.cookie, ev.id, { locationId: hall.id });
    await ctx.database.db
      .update(locations)
      .set({ archivedAt: new Date() })
      .where(eq(locations.id, hall.id));
    const call = caller(ctx);
    const renamed = await call(org.orgAdmin.cookie, 'PATCH', url(ev.id, s.id), {
      name: 'Renamed',
      locationId: hall.id,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((renamed.json() as { session: Session }).session.location).toMatchObject({
      id: hall.id,
      archived: true,
    });
    const other = await place('Other hall', true);
    const moved = await call(org.orgAdmin.cookie, 'PATCH', url(ev.id, s.id), {
      locationId: other.id,
    });
    expect(moved.statusCode).toBe(400);
    const cleared = await call(org.orgAdmin.cookie, 'PATCH', url(ev.id, s.id), {
      locationId: null,
    });
    expect((cleared.json() as { session: Session }).session.location).toBeNull();
  });

  it('a session becoming required joins attendee RSVPs; becoming volunteers-only leaves them', async () => {
    const ev = await openForRsvps(ctx, org);
    const admin = org.orgAdmin.cookie;
    const s = await addSession(ctx, admin, ev.id);
    const [a, v] = [await member(ctx), await member(ctx)];
    await rsvpOk(ctx, a, ev.id);
    await rsvpOk(ctx, v, ev.id, { kind: 'volunteer', sessionIds: [s.id] });

    const required = await caller(ctx)(admin, 'PATCH', url(ev.id, s.id), {
      requiredForAttendees: true,
    });
    expect(required.statusCode, required.body).toBe(200);
    expect((await rsvpOf(a, ev.id))?.sessionIds).toEqual([s.id]);
    expect((await entriesOf(required))[0]?.after).toEqual({
      requiredForAttendees: true,
      addedToRsvps: 1,
    });

    const forVolunteers = await caller(ctx)(admin, 'PATCH', url(ev.id, s.id), {
      requiredForAttendees: false,
      volunteersOnly: true,
    });
    expect(forVolunteers.statusCode, forVolunteers.body).toBe(200);
    expect((await rsvpOf(a, ev.id))?.sessionIds).toEqual([]);
    expect((await rsvpOf(v, ev.id))?.sessionIds).toEqual([s.id]);
    expect((await entriesOf(forVolunteers))[0]?.after).toMatchObject({ removedFromRsvps: 1 });
  });

  it("answers 404 for another event's session and 403 to those who may not edit", async () => {
    const ev = await openForRsvps(ctx, org);
    const other = await openForRsvps(ctx, org);
    const s = await addSession(ctx, org.orgAdmin.cookie, other.id);
    const call = caller(ctx);
    expect(
      (await call(org.orgAdmin.cookie, 'PATCH', url(ev.id, s.id), { name: 'X' })).statusCode,
    ).toBe(404);
    expect(
      (await call(org.orgAdmin.cookie, 'PATCH', url(ev.id, 'nonsense'), { name: 'X' })).statusCode,
    ).toBe(404);
    const attendee = await member(ctx);
    expect(
      (await call(attendee.cookie, 'PATCH', url(other.id, s.id), { name: 'X' })).statusCode,
    ).toBe(403);
  });
});

describe('DELETE /api/events/:eventId/sessions/:sessionId', () => {
  it('removes a session with the choices of it, audited; refused (409 in_use) once someone checked in', async () => {
    const ev = await openForRsvps(ctx, org);
    const admin = org.orgAdmin.cookie;
    const [kept, removed] = [
      await addSession(ctx, admin, ev.id),
      await addSession(ctx, admin, ev.id),
    ];
    const a = await member(ctx);
    const made = await rsvpOk(ctx, a, ev.id, { sessionIds: [kept.id, removed.id] });
    const call = caller(ctx);

    const res = await call(admin, 'DELETE', url(ev.id, removed.id), { reason: 'Cancelled' });
    expect(res.statusCode, res.body).toBe(204);
    expect(await entriesOf(res)).toEqual([
      expect.objectContaining({
        action: 'session.delete',
        targetId: removed.id,
        before: expect.objectContaining({ name: removed.name }),
        reason: 'Cancelled',
      }),
    ]);
    expect((await sessionsOf(ev.id)).map((s) => s.id)).toEqual([kept.id]);
    expect((await rsvpOf(a, ev.id))?.sessionIds).toEqual([kept.id]);
    expect((await call(admin, 'DELETE', url(ev.id, removed.id))).statusCode).toBe(404);

    // A check-in (the check-in module's, written here as a row) makes the session history.
    await ctx.database.db
      .insert(checkIns)
      .values({ eventId: ev.id, rsvpId: made.rsvp.id, sessionId: kept.id });
    const refused = await call(admin, 'DELETE', url(ev.id, kept.id));
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'in_use' } });
    expect(await sessionsOf(ev.id)).toHaveLength(1);

    expect((await call(a.cookie, 'DELETE', url(ev.id, kept.id))).statusCode).toBe(403);
  });
});

describe('a change made while the event changes', () => {
  it.runIf(onPostgres)(
    'is decided again under the event lock: archived meanwhile, nothing is created, changed or removed (403)',
    async () => {
      const ev = await openForRsvps(ctx, org);
      const admin = org.orgAdmin.cookie;
      const kept = await addSession(ctx, admin, ev.id, { name: 'Kept' });
      const attempts = [
        () => caller(ctx)(admin, 'POST', url(ev.id), { name: 'Late', ...times }),
        () => caller(ctx)(admin, 'PATCH', url(ev.id, kept.id), { name: 'Renamed' }),
        () => caller(ctx)(admin, 'DELETE', url(ev.id, kept.id), {}),
      ];
      for (const attempt of attempts) {
        // Active again before each attempt, archived while it waits for the lock.
        await ctx.database.db
          .update(events)
          .set({ status: 'active', archivedAt: null })
          .where(eq(events.id, ev.id));
        const res = await changedWhileWaiting(ctx, ev.id, archiveEvent(ev.id), attempt);
        expect(res.statusCode, res.body).toBe(403);
        expect((await entriesOf(res)).map((e) => e.outcome)).toEqual(['denied']);
      }
      expect((await sessionsOf(ev.id, admin)).map((s) => s.name)).toEqual(['Kept']);
    },
  );
});
