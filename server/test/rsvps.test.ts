import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { caller, member, organization, systemAdmin, type Signed } from './support/structure.js';

let ctx: TestContext;
let sysAdmin: Signed;

beforeAll(async () => {
  ctx = await createTestApp({ ...roomyLimits, RATE_LIMIT_RSVP_CANCELLATION_PER_IP: '1000/1m' });
  sysAdmin = await systemAdmin(ctx);
});
afterAll(() => ctx.close());

describe('RSVPs', () => {
  it('takes an RSVP, changes it with a second PUT and shows it to its owner', async () => {
    const org = await organization(ctx, sysAdmin);
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 10 });
    const ada = await member(ctx, 'Ada Attendee');
    const call = caller(ctx);

    const first = await rsvp(ctx, ada, ev.id, { shareEmail: true });
    expect(first.statusCode, first.body).toBe(201);
    const made = first.json() as { rsvp: MyRsvp; summary: RsvpSummary };
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

    const again = await rsvp(ctx, ada, ev.id, { shareEmail: false });
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as { rsvp: MyRsvp }).rsvp).toMatchObject({
      id: made.rsvp.id,
      status: 'confirmed',
      shareEmail: false,
    });

    const mine = await call(ada.cookie, 'GET', `/api/events/${ev.id}/rsvp`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect((mine.json() as { rsvp: MyRsvp }).rsvp?.id).toBe(made.rsvp.id);

    const mail = await outboxMessages(ctx.database.db, ada.who.email);
    const confirmations = mail.filter((m) => m.kind === 'rsvp.confirmed');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.textBody).toMatch(/\/rsvp\/cancel#/);
  });

  it('waitlists past capacity, in order', async () => {
    const org = await organization(ctx, sysAdmin);
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 1 });
    const a = await member(ctx, 'First');
    const b = await member(ctx, 'Second');
    const c = await member(ctx, 'Third');
    expect((await rsvpOk(ctx, a, ev.id)).rsvp.status).toBe('confirmed');
    expect((await rsvpOk(ctx, b, ev.id)).rsvp).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect((await rsvpOk(ctx, c, ev.id)).rsvp).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 2,
    });
    const mail = await outboxMessages(ctx.database.db, c.who.email);
    expect(mail.find((m) => m.kind === 'rsvp.waitlisted')?.textBody).toMatch(/position 2/);

    const cancelled = await cancelRsvp(ctx, a, ev.id);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const mineB = (await caller(ctx)(b.cookie, 'GET', `/api/events/${ev.id}/rsvp`)).json() as {
      rsvp: MyRsvp;
    };
    expect(mineB.rsvp.status).toBe('confirmed');
    const promotedMail = await outboxMessages(ctx.database.db, b.who.email);
    expect(promotedMail.filter((m) => m.kind === 'rsvp.promoted')).toHaveLength(1);

    const token = await emailedCancellationToken(ctx, c.who.email);
    const preview = await ctx.app.inject({ url: `/api/rsvp-cancellations/${token}` });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ kind: 'attendee', status: 'waitlisted' });
  });

  it('sessions: required ones added, volunteers-only refused to attendees', async () => {
    const org = await organization(ctx, sysAdmin);
    const ev = await openForRsvps(ctx, org);
    const required = await addSession(ctx, org.orgAdmin.cookie, ev.id, {
      requiredForAttendees: true,
    });
    const setUp = await addSession(ctx, org.orgAdmin.cookie, ev.id, { volunteersOnly: true });
    const ada = await member(ctx);
    const refused = await rsvp(ctx, ada, ev.id, { sessionIds: [setUp.id] });
    expect(refused.statusCode, refused.body).toBe(400);
    const made = await rsvpOk(ctx, ada, ev.id);
    expect(made.rsvp.sessionIds).toEqual([required.id]);
  });
});
