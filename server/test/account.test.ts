import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { auditEntries, rsvps, sessions, users } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { emailedToken, person, roomyLimits, signIn, signUpVerified } from './support/accounts.js';
import { addSession, cancelRsvp, openForRsvps, rsvpOk } from './support/attendance.js';
import { outboxMessages } from './support/outbox.js';
import { admin, completeSetup } from './support/setup-link.js';
import {
  caller,
  member,
  organization,
  systemAdmin,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

describe('your own account', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({
      RATE_LIMIT_SIGN_IN_PER_IP: '1000/1m',
      RATE_LIMIT_SIGN_UP_PER_IP: '1000/1h',
    });
  });
  afterAll(() => ctx.close());

  it('needs a session for every account route', async () => {
    for (const [method, url] of [
      ['PATCH', '/api/account'],
      ['POST', '/api/account/password'],
      ['POST', '/api/account/email'],
      ['POST', '/api/account/two-factor/enable'],
      ['GET', '/api/account/export'],
      ['DELETE', '/api/account'],
    ] as const) {
      const res = await ctx.app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('changes name and pronouns, audited old → new', async () => {
    const who = person('Sam Before');
    const cookie = await signUpVerified(ctx, who);
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/account',
      headers: { cookie },
      payload: { name: 'Sam After', pronouns: 'they/them' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'Sam After', pronouns: 'they/them' });
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, who.email));
    const [entry] = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'account.profile.update'));
    expect(entry).toMatchObject({
      actorId: user!.id,
      before: { name: 'Sam Before', pronouns: null },
      after: { name: 'Sam After', pronouns: 'they/them' },
    });
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const who = person();
    const here = await signUpVerified(ctx, who);
    const elsewhere = await signIn(ctx, who);
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: { cookie: here },
      payload: { currentPassword: 'not the password', newPassword: 'a fresh long pass phrase' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.details[0].field).toBe('body.currentPassword');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: { cookie: here },
      payload: { currentPassword: who.password, newPassword: 'a fresh long pass phrase' },
    });
    expect(res.statusCode, res.body).toBe(204);
    const old = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie: elsewhere } });
    expect(old.json().user).toBeNull();
    await signIn(ctx, { ...who, password: 'a fresh long pass phrase' });
  });

  it('changes the email address only once the new one is confirmed', async () => {
    const who = person();
    const cookie = await signUpVerified(ctx, who);
    const newEmail = `new-${who.email}`;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/account/email',
      headers: { cookie },
      payload: { newEmail, password: who.password },
    });
    expect(res.statusCode, res.body).toBe(202);
    const [before] = await ctx.database.db.select().from(users).where(eq(users.email, who.email));
    expect(before).toBeDefined();
    const token = await emailedToken(ctx, newEmail, 'verify-email');
    // The owner opens the link while signed in.
    const confirmed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/verify-email',
      headers: { cookie },
      payload: { token },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const [after] = await ctx.database.db.select().from(users).where(eq(users.id, before!.id));
    expect(after!.email).toBe(newEmail);
    await signIn(ctx, { ...who, email: newEmail });
  });

  it('exports the account as JSON without secrets', async () => {
    const who = person('Exporting Person');
    const cookie = await signUpVerified(ctx, who);
    const res = await ctx.app.inject({ url: '/api/account/export', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const data = res.json();
    expect(data.profile).toMatchObject({ name: 'Exporting Person', email: who.email });
    expect(data.activity.map((a: { action: string }) => a.action)).toContain('auth.sign_up');
    expect(res.body).not.toMatch(/password|token|secret/i);
  });

  it('deletes the account: personal data erased, sessions gone, sign-in refused, audited', async () => {
    const who = person('Leaving Person');
    const cookie = await signUpVerified(ctx, who);
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, who.email));
    const wrong = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/account',
      headers: { cookie },
      payload: { password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    const res = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/account',
      headers: { cookie },
      payload: { password: who.password },
    });
    expect(res.statusCode, res.body).toBe(204);
    const [row] = await ctx.database.db.select().from(users).where(eq(users.id, user!.id));
    expect(row).toMatchObject({ name: 'Deleted user', pronouns: null });
    expect(row!.email).not.toContain(who.email);
    expect(row!.deletedAt).toBeInstanceOf(Date);
    expect(
      await ctx.database.db.select().from(sessions).where(eq(sessions.userId, user!.id)),
    ).toEqual([]);
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: who.email, password: who.password },
    });
    expect(again.statusCode).toBe(401);
    const [entry] = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'account.delete'));
    expect(entry).toMatchObject({ actorId: user!.id, targetId: user!.id });
    // The address is free again.
    await signUpVerified(ctx, who);
  });
});

describe('deleting the last admin', () => {
  let ctx: TestContext;
  let cookie: string;
  beforeAll(async () => {
    ctx = await createTestApp();
    cookie = await completeSetup(ctx);
  });
  afterAll(() => ctx.close());

  it('is refused while nobody else is a system admin', async () => {
    const res = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/account',
      headers: { cookie },
      payload: { password: admin.password },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('last_admin');
    const [row] = await ctx.database.db.select().from(users).where(eq(users.email, admin.email));
    expect(row!.deletedAt).toBeNull();
  });
});

describe('an account with RSVPs', () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    org = await organization(ctx, await systemAdmin(ctx));
  });
  afterAll(() => ctx.close());

  const deleteAccount = (who: Signed) =>
    caller(ctx)(who.cookie, 'DELETE', '/api/account', { password: who.who.password });

  it('deleted: its places go to the waitlist, emailed, audited in each event; list and summary agree', async () => {
    const ev = await openForRsvps(ctx, org, { attendeeCapacity: 1 });
    const year = new Date().getUTCFullYear();
    const past = await openForRsvps(ctx, org, {
      attendeeCapacity: 1,
      details: { startsOn: `${year - 1}-03-01` },
    });
    const ann = await member(ctx, 'Ann Leaving');
    const ben = await member(ctx, 'Ben Waiting');
    expect((await rsvpOk(ctx, ann, ev.id)).rsvp.status).toBe('confirmed');
    expect((await rsvpOk(ctx, ben, ev.id)).rsvp.status).toBe('waitlisted');
    const annPast = (await rsvpOk(ctx, ann, past.id)).rsvp;
    await rsvpOk(ctx, ben, past.id);

    const res = await deleteAccount(ann);
    expect(res.statusCode, res.body).toBe(204);

    // One rsvp.cancel by Ann in the event's scope, naming who got the place; one account.delete.
    const entries = await ctx.database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.requestId, String(res.headers['x-request-id'])))
      .orderBy(asc(auditEntries.action));
    expect(entries.map((e) => [e.action, e.actorId, e.scopeType, e.scopeId])).toEqual([
      ['account.delete', ann.id, 'system', null],
      ['rsvp.cancel', ann.id, 'event', ev.id],
    ]);
    expect(entries[1]!.after).toMatchObject({
      status: 'cancelled',
      via: 'account_deletion',
      promoted: [{ userId: ben.id, kind: 'attendee' }],
    });

    const benNow = await caller(ctx)(ben.cookie, 'GET', `/api/events/${ev.id}/rsvp`);
    expect(benNow.json().rsvp).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    const promoted = (await outboxMessages(ctx.database.db, ben.who.email)).filter(
      (m) => m.kind === 'rsvp.promoted',
    );
    expect(promoted).toHaveLength(1);
    expect(promoted[0]!.textBody).toContain('/rsvp/cancel#');

    const list = await caller(ctx)(
      org.orgAdmin.cookie,
      'GET',
      `/api/events/${ev.id}/attendees?pageSize=100`,
    );
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json() as {
      items: { userId: string; status: string }[];
      total: number;
      summary: { attendee: { capacity: number; confirmed: number; waitlisted: number } };
    };
    expect(page.items.map((i) => [i.userId, i.status])).toEqual([[ben.id, 'confirmed']]);
    expect(page.total).toBe(1);
    expect(page.summary.attendee).toEqual({ capacity: 1, confirmed: 1, waitlisted: 0 });

    // An event that is over keeps its history: nobody is promoted there after the fact.
    const [kept] = await ctx.database.db.select().from(rsvps).where(eq(rsvps.id, annPast.id));
    expect(kept!.status).toBe('confirmed');
    const benPast = await caller(ctx)(ben.cookie, 'GET', `/api/events/${past.id}/rsvp`);
    expect(benPast.json().rsvp.status).toBe('waitlisted');
  });

  it('exported: each RSVP with its event, kind, status, sessions, address opt-in and check-ins', async () => {
    const ev = await openForRsvps(ctx, org);
    const session = await addSession(ctx, org.orgAdmin.cookie, ev.id, { name: 'Keynote' });
    const other = await openForRsvps(ctx, org);
    const cy = await member(ctx, 'Cy Exporting');
    const mine = (
      await rsvpOk(ctx, cy, ev.id, {
        kind: 'volunteer',
        sessionIds: [session.id],
        shareEmail: true,
      })
    ).rsvp;
    await rsvpOk(ctx, cy, other.id);
    expect((await cancelRsvp(ctx, cy, other.id)).statusCode).toBe(200);
    const checkedIn = await caller(ctx)(
      org.orgAdmin.cookie,
      'POST',
      `/api/events/${ev.id}/checkin`,
      {
        rsvpId: mine.id,
        sessionId: session.id,
      },
    );
    expect(checkedIn.statusCode, checkedIn.body).toBe(200);

    const res = await caller(ctx)(cy.cookie, 'GET', '/api/account/export');
    expect(res.statusCode, res.body).toBe(200);
    const exported = res.json().rsvps as Record<string, unknown>[];
    expect(exported).toHaveLength(2);
    expect(exported.find((r) => r.id === mine.id)).toMatchObject({
      event: { id: ev.id, slug: ev.slug },
      kind: 'volunteer',
      status: 'confirmed',
      shareEmail: true,
      cancelledAt: null,
      sessions: [{ id: session.id, name: 'Keynote', startsAt: session.startsAt }],
      checkIns: [{ session: { id: session.id, name: 'Keynote' }, checkedInAt: expect.any(String) }],
    });
    expect(exported.find((r) => r.id !== mine.id)).toMatchObject({
      event: { id: other.id },
      kind: 'attendee',
      status: 'cancelled',
      shareEmail: false,
      cancelledAt: expect.any(String),
      sessions: [],
      checkIns: [],
    });
  });
});

describe('profile picture', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ RATE_LIMIT_SIGN_UP_PER_IP: '1000/1h' });
  });
  afterAll(() => ctx.close());

  // The smallest valid PNG: a 1×1 transparent pixel.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );

  it('takes a picture checked by its content, and shows it to signed-in people', async () => {
    const who = person();
    const cookie = await signUpVerified(ctx, who);
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/account/avatar',
      headers: { cookie, 'content-type': 'image/png' },
      payload: png,
    });
    expect(put.statusCode, put.body).toBe(204);
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, who.email));
    const get = await ctx.app.inject({ url: `/api/users/${user!.id}/avatar`, headers: { cookie } });
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-type']).toBe('image/png');
    expect(get.rawPayload.equals(png)).toBe(true);
    const anonymous = await ctx.app.inject({ url: `/api/users/${user!.id}/avatar` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses something that only claims to be an image', async () => {
    const cookie = await signUpVerified(ctx, person());
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/account/avatar',
      headers: { cookie, 'content-type': 'image/png' },
      payload: Buffer.from('<svg onload="alert(1)"></svg>'),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('refuses a picture over the size limit', async () => {
    const cookie = await signUpVerified(ctx, person());
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/account/avatar',
      headers: { cookie, 'content-type': 'image/png' },
      payload: Buffer.concat([png, Buffer.alloc(600 * 1024)]),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});
