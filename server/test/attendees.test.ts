import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { auditEntries, emailOutbox, eventMessages } from '../src/db/schema/index.js';
import { MESSAGE_LIMIT } from '../src/modules/attendees/routes.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { expectOneAudit } from './support/audit.js';
import { outboxMessages } from './support/outbox.js';
import { addToTeam, submitReport } from './support/reports.js';
import {
  addSession,
  archiveEvent,
  attendee,
  cancelRsvp,
  changedWhileWaiting,
  onPostgres,
  openForRsvps,
  rsvpOk,
  waitsForSharedLock,
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

// SPEC §4 "assign checkiners; view attendee list" (event_admin only, org_admin by inheritance)
// and §11 (organizers see an address only when its owner shares it), through the HTTP API.

type Attendee = {
  rsvpId: string;
  userId: string;
  name: string;
  email: string | null;
  kind: string;
  status: string;
  waitlistPosition: number | null;
  sessionIds: string[];
  checkedInSessionIds: string[] | null;
  checkedIn: boolean;
  checkiner: boolean;
};
type AttendeePage = {
  items: Attendee[];
  total: number;
  page: number;
  pageSize: number;
  summary: {
    open: boolean;
    attendee: { capacity: number | null; confirmed: number; waitlisted: number };
    volunteer: { capacity: number | null; confirmed: number; waitlisted: number };
  };
};

describe('attendees, checkiners and messages', () => {
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
  let eventId: string;
  // Attendee capacity 2: Ada and Bob are confirmed, Cy waits. Vera volunteers.
  let ada: Signed & { rsvp: { id: string } };
  let bob: Signed & { rsvp: { id: string } };
  let cy: Signed & { rsvp: { id: string } };
  let vera: Signed & { rsvp: { id: string } };

  const attendees = async (cookie: string | null, query = '', id = eventId) =>
    call(cookie, 'GET', `/api/events/${id}/attendees${query ? `?${query}` : ''}`);
  const list = async (query = '', cookie = eventAdmin.cookie) => {
    const res = await attendees(cookie, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as AttendeePage;
  };
  const putCheckiner = (cookie: string | null, userId: string, body: object = {}, id = eventId) =>
    call(cookie, 'PUT', `/api/events/${id}/checkiners/${userId}`, body);
  const deleteCheckiner = (cookie: string | null, userId: string, body: object = {}) =>
    call(cookie, 'DELETE', `/api/events/${eventId}/checkiners/${userId}`, body);
  const send = (cookie: string | null, body: object, id = eventId) =>
    call(cookie, 'POST', `/api/events/${id}/messages`, body);

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
    eventId = (await openForRsvps(ctx, org, { attendeeCapacity: 2 })).id;
    await addToTeam(ctx, org, eventId, eventAdmin, 'event_admin');
    await addToTeam(ctx, org, eventId, responder, 'responder');
    await addToTeam(ctx, org, eventId, reporter, 'reporter');
    const viewer = await call(org.orgAdmin.cookie, 'POST', `/api/organizations/${org.id}/team`, {
      email: orgViewer.who.email,
      role: 'org_viewer',
    });
    expect(viewer.statusCode, viewer.body).toBeLessThan(300);
    ada = await attendee(ctx, eventId, 'Ada Lovelace', { shareEmail: true });
    bob = await attendee(ctx, eventId, 'Bob Babbage');
    cy = await attendee(ctx, eventId, 'Cy Waiting');
    vera = await attendee(ctx, eventId, 'Vera Volunteer', { kind: 'volunteer' });
  });
  afterAll(() => ctx.close());

  describe('the attendee list', () => {
    it('shows event_admins and org_admins every live RSVP by name, with the counts', async () => {
      for (const cookie of [eventAdmin.cookie, org.orgAdmin.cookie]) {
        const page = await list('', cookie);
        expect(page.items.map((a) => a.name)).toEqual([
          'Ada Lovelace',
          'Bob Babbage',
          'Cy Waiting',
          'Vera Volunteer',
        ]);
        expect(page.total).toBe(4);
        expect(page.summary).toEqual({
          open: true,
          attendee: { capacity: 2, confirmed: 2, waitlisted: 1 },
          volunteer: { capacity: null, confirmed: 1, waitlisted: 0 },
        });
      }
      const page = await list();
      const cyRow = page.items.find((a) => a.name === 'Cy Waiting')!;
      expect(cyRow).toMatchObject({
        rsvpId: cy.rsvp.id,
        userId: cy.id,
        kind: 'attendee',
        status: 'waitlisted',
        waitlistPosition: 1,
        // No sessions: check-ins are to the event itself.
        checkedInSessionIds: null,
        checkedIn: false,
        checkiner: false,
      });
      expect(page.items.find((a) => a.name === 'Ada Lovelace')!.waitlistPosition).toBeNull();
    });

    it('shows an address only where its owner shares it', async () => {
      const page = await list();
      const byName = new Map(page.items.map((a) => [a.name, a]));
      expect(byName.get('Ada Lovelace')!.email).toBe(ada.who.email);
      expect(byName.get('Bob Babbage')!.email).toBeNull();
      expect(byName.get('Cy Waiting')!.email).toBeNull();
      // Not anywhere else in the answer either.
      const raw = (await attendees(eventAdmin.cookie)).body;
      for (const hidden of [bob, cy, vera]) expect(raw).not.toContain(hidden.who.email);
      // Changing one's mind shows (or hides) it at once, without losing the place.
      await rsvpOk(ctx, bob, eventId, { shareEmail: true });
      expect((await list('q=bob')).items[0]!).toMatchObject({
        email: bob.who.email,
        status: 'confirmed',
      });
      await rsvpOk(ctx, bob, eventId, { shareEmail: false });
      expect((await list('q=bob')).items[0]!.email).toBeNull();
    });

    it('filters by kind, status and part of a name (any case), and pages', async () => {
      const names = async (query: string) => (await list(query)).items.map((a) => a.name);
      expect(await names('kind=volunteer')).toEqual(['Vera Volunteer']);
      expect(await names('kind=attendee&status=confirmed')).toEqual([
        'Ada Lovelace',
        'Bob Babbage',
      ]);
      expect(await names('status=waitlisted')).toEqual(['Cy Waiting']);
      expect(await names('q=LOVE')).toEqual(['Ada Lovelace']);
      expect(await names('q=%25')).toEqual([]);
      const second = await list('pageSize=2&page=2');
      expect(second.items.map((a) => a.name)).toEqual(['Cy Waiting', 'Vera Volunteer']);
      expect(second).toMatchObject({ total: 4, page: 2, pageSize: 2 });
      // The counts are the event's, whatever the filter.
      expect((await list('kind=volunteer')).summary.attendee.confirmed).toBe(2);
      const bad = await attendees(eventAdmin.cookie, 'status=cancelled');
      expect(bad.statusCode).toBe(400);
    });

    it('lists sessions chosen and check-ins per session once the event has sessions', async () => {
      const ev = await openForRsvps(ctx, org);
      const morning = await addSession(ctx, org.orgAdmin.cookie, ev.id, { name: 'Morning' });
      const person = await attendee(ctx, ev.id, 'Sam Sessions', { sessionIds: [morning.id] });
      const res = await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/checkin`, {
        rsvpId: person.rsvp.id,
        sessionId: morning.id,
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = (await attendees(org.orgAdmin.cookie, '', ev.id)).json() as AttendeePage;
      expect(page.items).toEqual([
        expect.objectContaining({
          name: 'Sam Sessions',
          sessionIds: [morning.id],
          checkedInSessionIds: [morning.id],
          checkedIn: true,
        }),
      ]);
    });

    it('is refused to everyone else: 403 where they see the event, 404 where not, 401', async () => {
      // The event is public (active): whoever sees it but may not list attendees gets 403.
      const refused = {
        responder,
        reporter,
        orgViewer,
        'a system admin (logistics, but the list is event_admin only)': sys,
        'an attendee': ada,
        'a stranger': stranger,
        "another organization's admin": other.orgAdmin,
      };
      for (const [who, signed] of Object.entries(refused)) {
        const res = await attendees(signed.cookie);
        expect(res.statusCode, who).toBe(403);
        expect(res.json().error.code, who).toBe('forbidden');
      }
      expect((await attendees(null)).statusCode).toBe(401);
      // A draft is seen by its organization's admins and system admins only.
      const draft = await event(ctx, org);
      expect((await attendees(stranger.cookie, '', draft.id)).statusCode).toBe(404);
      expect((await attendees(orgViewer.cookie, '', draft.id)).statusCode).toBe(404);
      expect((await attendees(sys.cookie, '', draft.id)).statusCode).toBe(403);
      expect((await attendees(org.orgAdmin.cookie, '', draft.id)).statusCode).toBe(200);
      expect((await attendees(eventAdmin.cookie, '', 'not-an-id')).statusCode).toBe(404);
      // Refusals are audited.
      const denied = await ctx.database.db
        .select()
        .from(auditEntries)
        .where(
          and(
            eq(auditEntries.actorId, stranger.id),
            eq(auditEntries.action, 'event.attendees.view'),
            eq(auditEntries.outcome, 'denied'),
          ),
        );
      expect(denied.length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('checkiners', () => {
    it('are made by event admins from people with an RSVP, with a reason and expiry, audited', async () => {
      const expiresAt = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
      const { result: res, entry } = await expectOneAudit(
        ctx,
        () => putCheckiner(eventAdmin.cookie, vera.id, { expiresAt, reason: 'At the door' }),
        {
          action: 'event.checkiner.assign',
          actorId: eventAdmin.id,
          scope: { type: 'event', id: eventId },
          target: { type: 'user', id: vera.id },
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().attendee).toMatchObject({
        userId: vera.id,
        name: 'Vera Volunteer',
        checkiner: true,
      });
      expect(entry.before).toBeNull();
      expect(entry.after).toEqual({ role: 'checkiner', expiresAt });
      expect(entry.reason).toBe('At the door');
      // They are told.
      const told = await outboxMessages(ctx.database.db, vera.who.email);
      expect(told.at(-1)!.subject).toContain('Your role in');
      expect(told.at(-1)!.textBody).toContain(`/events/${eventId}/check-in`);
      // Again, with no expiry: a change of expiry, old → new.
      const { entry: renewed } = await expectOneAudit(
        ctx,
        () => putCheckiner(org.orgAdmin.cookie, vera.id, {}),
        {
          action: 'event.checkiner.expiry',
          actorId: org.orgAdmin.id,
          scope: { type: 'event', id: eventId },
        },
      );
      expect(renewed.before).toEqual({ role: 'checkiner', expiresAt });
      expect(renewed.after).toEqual({ role: 'checkiner', expiresAt: null });
      expect((await list('q=vera')).items[0]!.checkiner).toBe(true);
    });

    it('need an RSVP that is not cancelled, and an expiry in the future (400)', async () => {
      const noRsvp = await putCheckiner(eventAdmin.cookie, stranger.id);
      expect(noRsvp.statusCode).toBe(400);
      expect(noRsvp.json().error.code).toBe('validation_failed');
      expect((await putCheckiner(eventAdmin.cookie, 'no-such-user')).statusCode).toBe(400);
      const leaving = await attendee(ctx, eventId, 'Lou Leaving', { kind: 'volunteer' });
      expect((await cancelRsvp(ctx, leaving, eventId)).statusCode).toBe(200);
      expect((await putCheckiner(eventAdmin.cookie, leaving.id)).statusCode).toBe(400);
      const past = await putCheckiner(eventAdmin.cookie, ada.id, {
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      });
      expect(past.statusCode).toBe(400);
      expect(past.json().error.details[0].field).toBe('body.expiresAt');
    });

    it('are managed by event admins only: 403 for those who see the event, 401', async () => {
      for (const signed of [responder, reporter, orgViewer, sys, ada, stranger, other.orgAdmin]) {
        expect((await putCheckiner(signed.cookie, bob.id)).statusCode).toBe(403);
        expect((await deleteCheckiner(signed.cookie, vera.id)).statusCode).toBe(403);
      }
      expect((await putCheckiner(null, bob.id)).statusCode).toBe(401);
      const draft = await event(ctx, org);
      expect((await putCheckiner(stranger.cookie, bob.id, {}, draft.id)).statusCode).toBe(404);
    });

    it('reach check-in and nothing else new: not the attendee list, messages or reports', async () => {
      const door = await attendee(ctx, eventId, 'Dora Door', { kind: 'volunteer' });
      expect((await putCheckiner(eventAdmin.cookie, door.id)).statusCode).toBe(200);
      const report = await submitReport(ctx, eventId, ada.cookie);
      expect((await call(door.cookie, 'GET', `/api/events/${eventId}/checkin`)).statusCode).toBe(
        200,
      );
      expect((await attendees(door.cookie)).statusCode).toBe(403);
      expect((await call(door.cookie, 'GET', `/api/events/${eventId}/messages`)).statusCode).toBe(
        403,
      );
      expect(
        (await send(door.cookie, { audience: 'everyone', subject: 'Hi', body: 'Hello' }))
          .statusCode,
      ).toBe(403);
      expect((await putCheckiner(door.cookie, bob.id)).statusCode).toBe(403);
      expect((await call(door.cookie, 'GET', `/api/reports/${report.id}`)).statusCode).toBe(404);
      // Their RSVP makes them a reporter: the queue lists their own reports only.
      const queue = await call(door.cookie, 'GET', `/api/events/${eventId}/reports`);
      expect(queue.statusCode).toBe(200);
      expect(queue.json().total).toBe(0);
      expect(queue.body).not.toContain(report.id);
      expect((await call(door.cookie, 'GET', `/api/events/${eventId}/team`)).statusCode).toBe(403);
    });

    it('are removed by event admins, audited; 404 when not a checkiner', async () => {
      const keeper = await attendee(ctx, eventId, 'Kim Keeper', { kind: 'volunteer' });
      expect((await putCheckiner(eventAdmin.cookie, keeper.id)).statusCode).toBe(200);
      const { result: res, entry } = await expectOneAudit(
        ctx,
        () => deleteCheckiner(org.orgAdmin.cookie, keeper.id, { reason: 'Shift over' }),
        {
          action: 'event.checkiner.remove',
          actorId: org.orgAdmin.id,
          scope: { type: 'event', id: eventId },
          target: { type: 'user', id: keeper.id },
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().attendee).toMatchObject({ userId: keeper.id, checkiner: false });
      expect(entry.before).toEqual({ role: 'checkiner', expiresAt: null });
      expect(entry.reason).toBe('Shift over');
      // The next request counts: check-in is closed to them now.
      expect((await call(keeper.cookie, 'GET', `/api/events/${eventId}/checkin`)).statusCode).toBe(
        403,
      );
      const again = await deleteCheckiner(eventAdmin.cookie, keeper.id);
      expect(again.statusCode).toBe(404);
    });

    it('stop counting at their expiry', async () => {
      const brief = await attendee(ctx, eventId, 'Bri Brief', { kind: 'volunteer' });
      const expiresAt = new Date(Date.now() + 1500).toISOString();
      expect((await putCheckiner(eventAdmin.cookie, brief.id, { expiresAt })).statusCode).toBe(200);
      const url = `/api/events/${eventId}/checkin`;
      expect((await call(brief.cookie, 'GET', url)).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 1600));
      expect((await call(brief.cookie, 'GET', url)).statusCode).toBe(403);
      expect((await list('q=bri')).items[0]!.checkiner).toBe(false);
    });
  });

  describe('messages', () => {
    it('go to each person of the audience alone, through the outbox, escaped, audited once', async () => {
      const body = 'Doors open at <b>9</b> & coffee is on us.\n\nSee you there!';
      const before = await outboxMessages(ctx.database.db);
      const { result: res, entry } = await expectOneAudit(
        ctx,
        () => send(eventAdmin.cookie, { audience: 'everyone', subject: 'Practical details', body }),
        {
          action: 'event.message.send',
          actorId: eventAdmin.id,
          scope: { type: 'event', id: eventId },
        },
      );
      expect(res.statusCode, res.body).toBe(201);
      const message = res.json().message;
      const everyone = (await list('pageSize=100')).items;
      expect(message).toMatchObject({
        audience: 'everyone',
        subject: 'Practical details',
        body,
        recipientCount: everyone.length,
        sentBy: { name: 'Eve Eventadmin' },
      });
      // Subject, audience and count in the log; the body stays with the message.
      expect(entry.targetType).toBe('event_message');
      expect(entry.targetId).toBe(message.id);
      expect(entry.after).toEqual({
        audience: 'everyone',
        subject: 'Practical details',
        recipientCount: everyone.length,
      });
      expect(JSON.stringify(entry)).not.toContain('coffee');

      const seen = new Set(before.map((m) => m.id));
      const sent = (await outboxMessages(ctx.database.db)).filter(
        (m) => !seen.has(m.id) && m.kind === 'event.message',
      );
      expect(sent.length).toBe(everyone.length);
      const emails = [ada, bob, cy, vera].map((p) => p.who.email);
      for (const address of emails) {
        const mine = sent.filter((m) => m.toAddress === address);
        expect(mine.length, address).toBe(1);
        const m = mine[0]!;
        expect(m.subject).toContain('Practical details');
        expect(m.textBody).toContain('Doors open at <b>9</b> & coffee is on us.');
        expect(m.htmlBody).toContain('Doors open at &lt;b&gt;9&lt;/b&gt; &amp; coffee');
        expect(m.htmlBody).not.toContain('<b>9</b>');
        // Nobody sees another's address.
        for (const otherAddress of emails.filter((e) => e !== address)) {
          expect(m.textBody).not.toContain(otherAddress);
          expect(m.htmlBody).not.toContain(otherAddress);
        }
      }
      const stored = await ctx.database.db
        .select()
        .from(eventMessages)
        .where(eq(eventMessages.id, message.id));
      expect(stored[0]).toMatchObject({
        body,
        recipientCount: everyone.length,
        audience: 'everyone',
      });
    });

    it('reach only their audience', async () => {
      const recipientsOf = async (audience: string) => {
        const subject = `To ${audience}`;
        const res = await send(org.orgAdmin.cookie, { audience, subject, body: 'Hi' });
        expect(res.statusCode, res.body).toBe(201);
        const rows = await ctx.database.db
          .select({ to: emailOutbox.toAddress })
          .from(emailOutbox)
          .where(
            and(eq(emailOutbox.kind, 'event.message'), like(emailOutbox.subject, `%: ${subject}`)),
          );
        expect(res.json().message.recipientCount).toBe(rows.length);
        return rows.map((r) => r.to).sort();
      };
      const sorted = (people: Signed[]) => people.map((p) => p.who.email).sort();
      expect(await recipientsOf('waitlisted')).toEqual(sorted([cy]));
      expect(await recipientsOf('attendees')).toEqual(sorted([ada, bob]));
      const volunteers = (await list('kind=volunteer&status=confirmed&pageSize=100')).items;
      const toVolunteers = await recipientsOf('volunteers');
      expect(toVolunteers.length).toBe(volunteers.length);
      expect(toVolunteers).toContain(vera.who.email);
      expect(toVolunteers).not.toContain(ada.who.email);
    });

    it('are listed newest first to those who see the attendee list', async () => {
      const res = await call(eventAdmin.cookie, 'GET', `/api/events/${eventId}/messages`);
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as { subject: string; sentAt: string }[];
      expect(items.length).toBeGreaterThanOrEqual(4);
      const times = items.map((m) => m.sentAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(items.at(-1)!.subject).toBe('Practical details');
      for (const signed of [responder, sys, ada, stranger]) {
        expect(
          (await call(signed.cookie, 'GET', `/api/events/${eventId}/messages`)).statusCode,
        ).toBe(403);
      }
      expect((await call(null, 'GET', `/api/events/${eventId}/messages`)).statusCode).toBe(401);
    });

    it('are listed a page at a time, with how many there are', async () => {
      const all = await call(eventAdmin.cookie, 'GET', `/api/events/${eventId}/messages`);
      const { items, total, pageSize } = all.json() as {
        items: { id: string }[];
        total: number;
        pageSize: number;
      };
      expect(pageSize).toBe(25);
      expect(total).toBe(items.length);
      const paged = async (page: number) => {
        const res = await call(
          eventAdmin.cookie,
          'GET',
          `/api/events/${eventId}/messages?page=${page}&pageSize=2`,
        );
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ total, page, pageSize: 2 });
        return (res.json() as { items: { id: string }[] }).items.map((m) => m.id);
      };
      expect([...(await paged(1)), ...(await paged(2))]).toEqual(
        items.slice(0, 4).map((m) => m.id),
      );
      const tooMany = `/api/events/${eventId}/messages?pageSize=101`;
      expect((await call(eventAdmin.cookie, 'GET', tooMany)).statusCode).toBe(400);
    });

    it('are refused when invalid, empty of recipients, or sent by others', async () => {
      const ok = { audience: 'everyone', subject: 'Hello', body: 'Body' };
      const bad = [
        { ...ok, subject: 'Two\nlines' },
        { ...ok, subject: '   ' },
        { ...ok, body: '' },
        { ...ok, audience: 'cancelled' },
        { ...ok, bcc: 'someone@example.org' },
      ];
      for (const body of bad) {
        const res = await send(eventAdmin.cookie, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
      }
      const empty = await openForRsvps(ctx, org);
      const none = await send(org.orgAdmin.cookie, ok, empty.id);
      expect(none.statusCode).toBe(400);
      expect(none.json().error.details[0].field).toBe('body.audience');
      for (const signed of [responder, reporter, orgViewer, sys, ada, stranger]) {
        expect((await send(signed.cookie, ok)).statusCode).toBe(403);
      }
      expect((await send(null, ok)).statusCode).toBe(401);
    });

    it('are limited per sender (429 with Retry-After)', async () => {
      const sender = await member(ctx, 'Pat Prolific', { twoFactor: true });
      await addToTeam(ctx, org, eventId, sender, 'event_admin');
      const ok = { audience: 'waitlisted', subject: 'Update', body: 'Still waiting' };
      for (let i = 0; i < MESSAGE_LIMIT.limit; i += 1) {
        expect((await send(sender.cookie, ok)).statusCode).toBe(201);
      }
      const refused = await send(sender.cookie, ok);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another sender is not held back.
      expect((await send(eventAdmin.cookie, ok)).statusCode).toBe(201);
    });

    it('count only when they go out: refused sends take nothing of the limit', async () => {
      const sender = await member(ctx, 'Quinn Quiet', { twoFactor: true });
      await addToTeam(ctx, org, eventId, sender, 'event_admin');
      const empty = await openForRsvps(ctx, org);
      await addToTeam(ctx, org, empty.id, sender, 'event_admin');
      const ok = { audience: 'waitlisted', subject: 'Update', body: 'Still waiting' };
      for (let i = 0; i < MESSAGE_LIMIT.limit + 2; i += 1) {
        // Nobody in the audience: 400, and nothing went out.
        expect((await send(sender.cookie, ok, empty.id)).statusCode).toBe(400);
      }
      for (let i = 0; i < MESSAGE_LIMIT.limit; i += 1) {
        expect((await send(sender.cookie, ok)).statusCode).toBe(201);
      }
      expect((await send(sender.cookie, ok)).statusCode).toBe(429);
    });

    it.runIf(onPostgres)(
      'go out while check-ins hold the event: a send takes the lock they share, never stalling them',
      async () => {
        const { waited, result } = await waitsForSharedLock(ctx, eventId, () =>
          send(eventAdmin.cookie, { audience: 'everyone', subject: 'Doors', body: 'Open' }),
        );
        expect(result.statusCode, result.body).toBe(201);
        expect(waited).toBe(false);
      },
    );

    it.runIf(onPostgres)(
      'are decided again under the event lock: archived meanwhile, nothing is sent (403)',
      async () => {
        const ev = await openForRsvps(ctx, org);
        await attendee(ctx, ev.id, 'Late Larry');
        const before = await outboxMessages(ctx.database.db);
        const res = await changedWhileWaiting(ctx, ev.id, archiveEvent(ev.id), () =>
          send(org.orgAdmin.cookie, { audience: 'everyone', subject: 'Hi', body: 'Hi' }, ev.id),
        );
        expect(res.statusCode, res.body).toBe(403);
        const sent = await ctx.database.db
          .select()
          .from(eventMessages)
          .where(eq(eventMessages.eventId, ev.id));
        expect(sent).toEqual([]);
        expect((await outboxMessages(ctx.database.db)).length).toBe(before.length);
      },
    );
  });

  describe('the state of the event', () => {
    it('archived: the list and messages stay readable; changes are refused', async () => {
      const ev = await openForRsvps(ctx, org);
      const a = await attendee(ctx, ev.id, 'Arch Ive', { kind: 'volunteer' });
      const archived = await call(org.orgAdmin.cookie, 'POST', `/api/events/${ev.id}/archive`, {});
      expect(archived.statusCode, archived.body).toBe(200);
      expect((await attendees(org.orgAdmin.cookie, '', ev.id)).statusCode).toBe(200);
      expect(
        (await call(org.orgAdmin.cookie, 'GET', `/api/events/${ev.id}/messages`)).statusCode,
      ).toBe(200);
      expect((await putCheckiner(org.orgAdmin.cookie, a.id, {}, ev.id)).statusCode).toBe(403);
      const msg = { audience: 'everyone', subject: 'Hi', body: 'Hi' };
      expect((await send(org.orgAdmin.cookie, msg, ev.id)).statusCode).toBe(403);
    });

    it('suspended: its admins keep the list; spam: only system roles see the event', async () => {
      const ev = await openForRsvps(ctx, org);
      await addToTeam(ctx, org, ev.id, eventAdmin, 'event_admin');
      await attendee(ctx, ev.id, 'Sus Pended');
      const suspended = await call(sys.cookie, 'POST', `/api/events/${ev.id}/suspend`, {});
      expect(suspended.statusCode, suspended.body).toBe(200);
      expect((await attendees(eventAdmin.cookie, '', ev.id)).statusCode).toBe(200);
      expect((await attendees(stranger.cookie, '', ev.id)).statusCode).toBe(404);
      expect((await attendees(sys.cookie, '', ev.id)).statusCode).toBe(403);
      expect(
        (await call(sys.cookie, 'POST', `/api/events/${ev.id}/reinstate`, {})).statusCode,
      ).toBe(200);
      const spam = await call(sys.cookie, 'POST', `/api/events/${ev.id}/flag-spam`, {});
      expect(spam.statusCode, spam.body).toBe(200);
      expect((await attendees(eventAdmin.cookie, '', ev.id)).statusCode).toBe(404);
      expect((await attendees(org.orgAdmin.cookie, '', ev.id)).statusCode).toBe(404);
      expect((await attendees(sys.cookie, '', ev.id)).statusCode).toBe(403);
    });
  });
});
