import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { auditEntries, checkIns, rsvps, users } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { expectOneAudit } from './support/audit.js';
import { addToTeam } from './support/reports.js';
import { addSession, attendee, cancelRsvp, openForRsvps, rsvpOk } from './support/attendance.js';
import {
  caller,
  event,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

// SPEC §4 "check attendees in" (event_admin, checkiner, system_admin) and §11: per session or
// for the event itself, names only, idempotent, audited, and safe with two doors at once.

type Counts = { expected: number; checkedIn: number };
type Person = {
  rsvpId: string;
  name: string;
  kind: string;
  status: string;
  checkedIn: boolean;
  checkedInAt: string | null;
};
type Overview = {
  event: { id: string; name: string; slug: string; timeZone: string };
  sessions: {
    id: string | null;
    name: string;
    startsAt: string | null;
    endsAt: string | null;
    counts: Counts;
  }[];
};

describe('check-in', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let other: OrgFixture;
  let eventAdmin: Signed;
  let responder: Signed;
  let reporter: Signed;
  let orgViewer: Signed;
  let stranger: Signed;
  let door: Signed;
  // An event without sessions: people check in to the event itself.
  let plainId: string;
  let ada: Signed & { rsvp: { id: string } };
  let bob: Signed & { rsvp: { id: string } };
  let wait: Signed & { rsvp: { id: string } };

  const path = (id: string) => `/api/events/${id}/checkin`;
  const overview = async (cookie: string, id = plainId) => {
    const res = await call(cookie, 'GET', path(id));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Overview;
  };
  const people = async (cookie: string, id: string, query = '') => {
    const res = await call(cookie, 'GET', `${path(id)}/people${query ? `?${query}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { people: Person[]; total: number; counts: Counts };
  };
  const checkIn = (cookie: string | null, id: string, rsvpId: string, sessionId?: string | null) =>
    call(cookie, 'POST', path(id), { rsvpId, ...(sessionId !== undefined ? { sessionId } : {}) });
  const undo = (cookie: string | null, id: string, rsvpId: string, sessionId?: string | null) =>
    call(cookie, 'DELETE', path(id), { rsvpId, ...(sessionId !== undefined ? { sessionId } : {}) });
  const rows = (rsvpId: string) =>
    ctx.database.db.select().from(checkIns).where(eq(checkIns.rsvpId, rsvpId));

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    other = await organization(ctx, sys);
    eventAdmin = await member(ctx, 'Eve Eventadmin', { twoFactor: true });
    responder = await member(ctx, 'Ron Responder');
    reporter = await member(ctx, 'Rae Reporter');
    orgViewer = await member(ctx, 'Vic Viewer');
    stranger = await member(ctx, 'Sid Stranger');
    plainId = (await openForRsvps(ctx, org, { attendeeCapacity: 2 })).id;
    await addToTeam(ctx, org, plainId, eventAdmin, 'event_admin');
    await addToTeam(ctx, org, plainId, responder, 'responder');
    await addToTeam(ctx, org, plainId, reporter, 'reporter');
    const viewer = await call(org.orgAdmin.cookie, 'POST', `/api/organizations/${org.id}/team`, {
      email: orgViewer.who.email,
      role: 'org_viewer',
    });
    expect(viewer.statusCode, viewer.body).toBeLessThan(300);
    ada = await attendee(ctx, plainId, 'Ada Lovelace', { shareEmail: true });
    bob = await attendee(ctx, plainId, 'Bob Babbage');
    wait = await attendee(ctx, plainId, 'Walt Waiting');
    door = await attendee(ctx, plainId, 'Dora Door', { kind: 'volunteer' });
    const made = await call(
      eventAdmin.cookie,
      'PUT',
      `/api/events/${plainId}/checkiners/${door.id}`,
      {},
    );
    expect(made.statusCode, made.body).toBe(200);
  });
  afterAll(() => ctx.close());

  it('an event without sessions is one entry, the event itself, expecting every confirmed RSVP', async () => {
    const view = await overview(door.cookie);
    expect(view.event).toMatchObject({ id: plainId });
    expect(view.sessions).toEqual([
      {
        id: null,
        name: view.event.name,
        startsAt: null,
        endsAt: null,
        // Ada, Bob and Dora are confirmed; Walt waits.
        counts: { expected: 3, checkedIn: 0 },
      },
    ]);
  });

  it('finds people by part of a name in any case: names, kind and place only', async () => {
    const all = await people(door.cookie, plainId);
    expect(all.people.map((p) => p.name)).toEqual([
      'Ada Lovelace',
      'Bob Babbage',
      'Dora Door',
      'Walt Waiting',
    ]);
    expect(all.counts).toEqual({ expected: 3, checkedIn: 0 });
    expect(all.total).toBe(4);
    expect(all.people.find((p) => p.name === 'Walt Waiting')).toEqual({
      rsvpId: wait.rsvp.id,
      name: 'Walt Waiting',
      kind: 'attendee',
      status: 'waitlisted',
      checkedIn: false,
      checkedInAt: null,
    });
    expect((await people(door.cookie, plainId, 'q=lOVEL')).people.map((p) => p.name)).toEqual([
      'Ada Lovelace',
    ]);
    expect((await people(door.cookie, plainId, 'q=_')).people).toEqual([]);
    // Never an address or an account id, even of someone who shares their address.
    const raw = (await call(door.cookie, 'GET', `${path(plainId)}/people`)).body;
    for (const p of [ada, bob, wait, door]) {
      expect(raw).not.toContain(p.who.email);
      expect(raw).not.toContain(p.id);
    }
  });

  it('lists the first 100 by name and says how many match; the counts stay exact', async () => {
    const crowdId = (await openForRsvps(ctx, org)).id;
    // Rows, not sign-ups: accounts are slow to make, and the door only reads names.
    const crowd = Array.from({ length: 105 }, (_, i) => ({
      id: randomUUID(),
      name: `Crowd ${String(i + 1).padStart(3, '0')}`,
      email: `crowd-${randomUUID()}@example.org`,
    }));
    await ctx.database.db.insert(users).values(crowd);
    await ctx.database.db.insert(rsvps).values(
      crowd.map((u) => ({
        eventId: crowdId,
        userId: u.id,
        kind: 'attendee',
        status: 'confirmed',
      })),
    );
    const res = await call(org.orgAdmin.cookie, 'GET', `${path(crowdId)}/people`);
    expect(res.statusCode, res.body).toBe(200);
    const all = res.json() as { people: Person[]; total: number; counts: Counts };
    expect(all.people.map((p) => p.name)).toEqual(crowd.slice(0, 100).map((u) => u.name));
    expect(all.total).toBe(105);
    expect(all.counts).toEqual({ expected: 105, checkedIn: 0 });
    const narrowed = await people(org.orgAdmin.cookie, crowdId, 'q=crowd 1');
    expect(narrowed.people.map((p) => p.name)).toEqual(crowd.slice(99).map((u) => u.name));
    expect(narrowed).toMatchObject({ total: 6, counts: { expected: 105, checkedIn: 0 } });
  });

  it('checks in once, audited; again is a no-op; undo is audited and idempotent too', async () => {
    const { result: first, entry } = await expectOneAudit(
      ctx,
      () => checkIn(door.cookie, plainId, ada.rsvp.id),
      {
        action: 'event.checkin',
        actorId: door.id,
        scope: { type: 'event', id: plainId },
        target: { type: 'rsvp', id: ada.rsvp.id },
      },
    );
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json() as { person: Person; counts: Counts };
    expect(body.person).toMatchObject({
      rsvpId: ada.rsvp.id,
      name: 'Ada Lovelace',
      checkedIn: true,
    });
    expect(body.counts).toEqual({ expected: 3, checkedIn: 1 });
    expect(entry.after).toMatchObject({ sessionId: null });

    const auditCount = async () =>
      (
        await ctx.database.db
          .select()
          .from(auditEntries)
          .where(and(eq(auditEntries.scopeId, plainId), eq(auditEntries.action, 'event.checkin')))
      ).length;
    const before = await auditCount();
    const again = await checkIn(eventAdmin.cookie, plainId, ada.rsvp.id, null);
    expect(again.statusCode).toBe(200);
    expect(again.json().person.checkedInAt).toBe(body.person.checkedInAt);
    expect(again.json().counts.checkedIn).toBe(1);
    expect(await auditCount()).toBe(before);
    expect(await rows(ada.rsvp.id)).toHaveLength(1);
    expect((await overview(door.cookie)).sessions[0]!.counts).toEqual({
      expected: 3,
      checkedIn: 1,
    });

    const { result: undone } = await expectOneAudit(
      ctx,
      () => undo(door.cookie, plainId, ada.rsvp.id),
      {
        action: 'event.checkin.undo',
        actorId: door.id,
        scope: { type: 'event', id: plainId },
        target: { type: 'rsvp', id: ada.rsvp.id },
      },
    );
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({
      person: { checkedIn: false, checkedInAt: null },
      counts: { expected: 3, checkedIn: 0 },
    });
    const undoneAgain = await undo(door.cookie, plainId, ada.rsvp.id);
    expect(undoneAgain.statusCode).toBe(200);
    expect(undoneAgain.json().person.checkedIn).toBe(false);
    expect(await rows(ada.rsvp.id)).toHaveLength(0);
  });

  it('two doors checking one person in at once leave one check-in and one entry', async () => {
    const [a, b] = await Promise.all([
      checkIn(door.cookie, plainId, bob.rsvp.id),
      checkIn(eventAdmin.cookie, plainId, bob.rsvp.id),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().person.checkedIn).toBe(true);
    expect(b.json().person.checkedIn).toBe(true);
    expect(await rows(bob.rsvp.id)).toHaveLength(1);
    const entries = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'event.checkin'), eq(auditEntries.targetId, bob.rsvp.id)));
    expect(entries).toHaveLength(1);
    expect((await people(door.cookie, plainId, 'q=bob')).people[0]!.checkedIn).toBe(true);
  });

  it('lets a waitlisted person in when there is room, but never a cancelled RSVP (409)', async () => {
    const res = await checkIn(door.cookie, plainId, wait.rsvp.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().person).toMatchObject({ status: 'waitlisted', checkedIn: true });

    const gone = await attendee(ctx, plainId, 'Gil Gone');
    expect((await cancelRsvp(ctx, gone, plainId)).statusCode).toBe(200);
    const refused = await checkIn(door.cookie, plainId, gone.rsvp.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('invalid_state');
    expect(await rows(gone.rsvp.id)).toHaveLength(0);
    expect((await people(door.cookie, plainId, 'q=gil')).people).toEqual([]);

    // Checked in, then cancelled: the check-in stays (history), shown as cancelled; it may be undone.
    const late = await attendee(ctx, plainId, 'Lee Late', { kind: 'volunteer' });
    expect((await checkIn(door.cookie, plainId, late.rsvp.id)).statusCode).toBe(200);
    expect((await cancelRsvp(ctx, late, plainId)).statusCode).toBe(200);
    expect((await people(door.cookie, plainId, 'q=lee')).people[0]).toMatchObject({
      status: 'cancelled',
      checkedIn: true,
    });
    expect((await undo(door.cookie, plainId, late.rsvp.id)).statusCode).toBe(200);
    expect(await rows(late.rsvp.id)).toHaveLength(0);
  });

  it('refuses unknown people, other events’ RSVPs and sessions', async () => {
    const elsewhere = await openForRsvps(ctx, org);
    const foreign = await attendee(ctx, elsewhere.id, 'Fay Foreign');
    const foreignSession = await addSession(ctx, org.orgAdmin.cookie, elsewhere.id);
    expect((await checkIn(door.cookie, plainId, foreign.rsvp.id)).statusCode).toBe(404);
    expect((await checkIn(door.cookie, plainId, 'not-an-id')).statusCode).toBe(404);
    const wrongSession = await checkIn(door.cookie, plainId, ada.rsvp.id, foreignSession.id);
    expect(wrongSession.statusCode).toBe(404);
    expect(wrongSession.json().error.message).toBe('No such session.');
    const res = await call(
      door.cookie,
      'GET',
      `${path(plainId)}/people?sessionId=${foreignSession.id}`,
    );
    expect(res.statusCode).toBe(404);
    expect((await call(door.cookie, 'POST', path(plainId), { sessionId: null })).statusCode).toBe(
      400,
    );
    expect(await rows(foreign.rsvp.id)).toHaveLength(0);
  });

  describe('an event with sessions', () => {
    let evId: string;
    let morning: { id: string };
    let workshop: { id: string };
    let setup: { id: string };
    let sam: Signed & { rsvp: { id: string } };
    let tess: Signed & { rsvp: { id: string } };
    let vol: Signed & { rsvp: { id: string } };

    beforeAll(async () => {
      evId = (
        await openForRsvps(ctx, org, {
          attendeeCapacity: 1,
          details: { timeZone: 'America/Toronto' },
        })
      ).id;
      morning = await addSession(ctx, org.orgAdmin.cookie, evId, {
        name: 'Keynote',
        startsAt: '2031-05-01T09:00:00.000Z',
        endsAt: '2031-05-01T10:00:00.000Z',
        requiredForAttendees: true,
      });
      workshop = await addSession(ctx, org.orgAdmin.cookie, evId, {
        name: 'Workshop',
        startsAt: '2031-05-01T11:00:00.000Z',
        endsAt: '2031-05-01T12:00:00.000Z',
      });
      setup = await addSession(ctx, org.orgAdmin.cookie, evId, {
        name: 'Set-up',
        startsAt: '2031-05-01T07:00:00.000Z',
        endsAt: '2031-05-01T08:00:00.000Z',
        volunteersOnly: true,
      });
      sam = await attendee(ctx, evId, 'Sam Sessions', { sessionIds: [workshop.id] });
      tess = await attendee(ctx, evId, 'Tess Waitlisted', { sessionIds: [workshop.id] });
      vol = await attendee(ctx, evId, 'Val Volunteer', {
        kind: 'volunteer',
        sessionIds: [setup.id],
      });
    });

    it('lists each session by start time with its counts: confirmed RSVPs that chose it', async () => {
      const view = await overview(sys.cookie, evId);
      expect(view.sessions.map((s) => [s.name, s.counts])).toEqual([
        ['Set-up', { expected: 1, checkedIn: 0 }],
        // Required: chosen for every attendee; Tess waits, so only Sam is expected.
        ['Keynote', { expected: 1, checkedIn: 0 }],
        ['Workshop', { expected: 1, checkedIn: 0 }],
      ]);
      expect(view.sessions[0]).toMatchObject({
        startsAt: '2031-05-01T07:00:00.000Z',
        endsAt: '2031-05-01T08:00:00.000Z',
      });
      // The door says times on the event's clock, not the phone's.
      expect(view.event.timeZone).toBe('America/Toronto');
    });

    it('checks people in per session; one session at a time', async () => {
      const res = await checkIn(sys.cookie, evId, sam.rsvp.id, workshop.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().counts).toEqual({ expected: 1, checkedIn: 1 });
      const keynote = await people(sys.cookie, evId, `sessionId=${morning.id}`);
      expect(keynote.people.map((p) => [p.name, p.checkedIn])).toEqual([
        ['Sam Sessions', false],
        ['Tess Waitlisted', false],
      ]);
      const workshopPeople = await people(sys.cookie, evId, `sessionId=${workshop.id}`);
      expect(workshopPeople.people.map((p) => [p.name, p.status, p.checkedIn])).toEqual([
        ['Sam Sessions', 'confirmed', true],
        ['Tess Waitlisted', 'waitlisted', false],
      ]);
      expect(
        (await people(sys.cookie, evId, `sessionId=${setup.id}`)).people.map((p) => p.name),
      ).toEqual(['Val Volunteer']);
      // Sessions are chosen: no session, or one they did not choose, is refused (400).
      const noSession = await checkIn(sys.cookie, evId, sam.rsvp.id);
      expect(noSession.statusCode).toBe(400);
      expect(noSession.json().error.details[0].field).toBe('body.sessionId');
      expect((await call(sys.cookie, 'GET', `${path(evId)}/people`)).statusCode).toBe(400);
      expect((await checkIn(sys.cookie, evId, vol.rsvp.id, workshop.id)).statusCode).toBe(400);
      expect((await checkIn(sys.cookie, evId, tess.rsvp.id, workshop.id)).statusCode).toBe(200);
      const after = await overview(sys.cookie, evId);
      expect(after.sessions.find((s) => s.id === workshop.id)!.counts).toEqual({
        expected: 1,
        checkedIn: 2,
      });
      // A changed RSVP keeps its check-ins.
      await rsvpOk(ctx, sam, evId, { sessionIds: [workshop.id], shareEmail: true });
      expect(await rows(sam.rsvp.id)).toHaveLength(1);
    });
  });

  describe('who may check people in (SPEC §4)', () => {
    it('event_admins, org_admins (inherited), checkiners and system admins', async () => {
      for (const signed of [eventAdmin, org.orgAdmin, door, sys]) {
        expect((await call(signed.cookie, 'GET', path(plainId))).statusCode).toBe(200);
        expect((await call(signed.cookie, 'GET', `${path(plainId)}/people`)).statusCode).toBe(200);
        expect((await checkIn(signed.cookie, plainId, ada.rsvp.id)).statusCode).toBe(200);
        expect((await undo(signed.cookie, plainId, ada.rsvp.id)).statusCode).toBe(200);
      }
    });

    it('nobody else: 403 where they see the event, 404 where not, 401 signed out', async () => {
      const refused = {
        responder,
        reporter,
        orgViewer,
        'an attendee': ada,
        'a stranger': stranger,
        "another organization's admin": other.orgAdmin,
      };
      for (const [who, signed] of Object.entries(refused)) {
        expect((await call(signed.cookie, 'GET', path(plainId))).statusCode, who).toBe(403);
        expect((await call(signed.cookie, 'GET', `${path(plainId)}/people`)).statusCode, who).toBe(
          403,
        );
        const res = await checkIn(signed.cookie, plainId, bob.rsvp.id);
        expect(res.statusCode, who).toBe(403);
        expect((await undo(signed.cookie, plainId, bob.rsvp.id)).statusCode, who).toBe(403);
      }
      expect(await rows(bob.rsvp.id)).toHaveLength(1);
      expect((await call(null, 'GET', path(plainId))).statusCode).toBe(401);
      expect((await checkIn(null, plainId, bob.rsvp.id)).statusCode).toBe(401);
      const draft = await event(ctx, org);
      expect((await call(stranger.cookie, 'GET', path(draft.id))).statusCode).toBe(404);
      expect((await checkIn(stranger.cookie, draft.id, bob.rsvp.id)).statusCode).toBe(404);
      expect((await call(stranger.cookie, 'GET', path('not-an-id'))).statusCode).toBe(404);
      const denied = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(
          and(
            eq(auditEntries.actorId, responder.id),
            eq(auditEntries.action, 'event.checkin'),
            eq(auditEntries.outcome, 'denied'),
          ),
        );
      expect(denied.length).toBeGreaterThanOrEqual(1);
    });

    it('archived: closed to everyone (a change); suspended: admins and system admins; spam: system admins', async () => {
      const make = async () => {
        const ev = await openForRsvps(ctx, org);
        await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
        const a = await attendee(ctx, ev.id, 'Cat Checkiner', { kind: 'volunteer' });
        const res = await call(
          eventAdmin.cookie,
          'PUT',
          `/api/events/${ev.id}/checkiners/${a.id}`,
          {},
        );
        expect(res.statusCode, res.body).toBe(200);
        return { id: ev.id, checkiner: a };
      };
      const archived = await make();
      expect(
        (await call(org.orgAdmin.cookie, 'POST', `/api/events/${archived.id}/archive`, {}))
          .statusCode,
      ).toBe(200);
      for (const signed of [eventAdmin, archived.checkiner, sys]) {
        expect((await call(signed.cookie, 'GET', path(archived.id))).statusCode).toBe(403);
        expect(
          (await checkIn(signed.cookie, archived.id, archived.checkiner.rsvp.id)).statusCode,
        ).toBe(403);
      }

      const suspended = await make();
      expect(
        (await call(sys.cookie, 'POST', `/api/events/${suspended.id}/suspend`, {})).statusCode,
      ).toBe(200);
      expect((await call(eventAdmin.cookie, 'GET', path(suspended.id))).statusCode).toBe(200);
      expect((await call(sys.cookie, 'GET', path(suspended.id))).statusCode).toBe(200);
      expect((await call(suspended.checkiner.cookie, 'GET', path(suspended.id))).statusCode).toBe(
        404,
      );
      expect(
        (await checkIn(suspended.checkiner.cookie, suspended.id, suspended.checkiner.rsvp.id))
          .statusCode,
      ).toBe(404);

      const spam = await make();
      expect(
        (await call(sys.cookie, 'POST', `/api/events/${spam.id}/flag-spam`, {})).statusCode,
      ).toBe(200);
      for (const signed of [eventAdmin, org.orgAdmin, spam.checkiner]) {
        expect((await call(signed.cookie, 'GET', path(spam.id))).statusCode).toBe(404);
      }
      expect((await checkIn(sys.cookie, spam.id, spam.checkiner.rsvp.id)).statusCode).toBe(200);
    });
  });
});
