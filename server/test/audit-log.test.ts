import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { roleAssignments } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { roomyLimits } from './support/accounts.js';
import { auditRows, expectOneAudit } from './support/audit.js';
import { addToTeam, activeEvent } from './support/reports.js';
import {
  caller,
  event,
  member,
  organization,
  systemAdmin,
  uniqueSlug,
  type OrgFixture,
  type Signed,
} from './support/structure.js';

type Entry = {
  id: string;
  occurredAt: string;
  actor: { id: string; name: string } | null;
  action: string;
  outcome: 'success' | 'denied';
  scope: { type: string; id: string | null };
  target: { type: string; id: string } | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
};
type Page = { items: Entry[]; total: number; page: number; pageSize: number };

describe('audit viewers', () => {
  let ctx: TestContext;
  let call: ReturnType<typeof caller>;
  let sys: Signed;
  let org: OrgFixture;
  let other: OrgFixture;
  let responder: Signed;
  let viewer: Signed;
  let stranger: Signed;
  let eventId: string;
  let siblingId: string;
  let chapterId: string;

  const list = async (cookie: string | null, url: string) => {
    const res = await call(cookie, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };

  beforeAll(async () => {
    ctx = await createTestApp(roomyLimits);
    call = caller(ctx);
    sys = await systemAdmin(ctx);
    org = await organization(ctx, sys);
    other = await organization(ctx, sys);
    responder = await member(ctx, 'Rita Responder');
    viewer = await member(ctx, 'Vic Viewer');
    stranger = await member(ctx, 'Sid Stranger');
    await ctx.database.db.insert(roleAssignments).values({
      userId: viewer.id,
      role: 'org_viewer',
      scopeType: 'organization',
      scopeId: org.id,
    });
    eventId = (await activeEvent(ctx, org)).id;
    siblingId = (await activeEvent(ctx, org)).id;
    await addToTeam(ctx, org, eventId, responder, 'responder');
    // A reason a spreadsheet would run as a formula, kept as text.
    const suspended = await call(org.orgAdmin.cookie, 'POST', `/api/events/${eventId}/suspend`, {
      reason: '=HYPERLINK("http://evil.example")',
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    // Back, so its team can see it again (a suspended event is hidden from its responders).
    const reinstated = await call(
      org.orgAdmin.cookie,
      'POST',
      `/api/events/${eventId}/reinstate`,
      {},
    );
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    const chapter = await call(
      org.orgAdmin.cookie,
      'POST',
      `/api/organizations/${org.id}/chapters`,
      {
        name: 'North',
        slug: uniqueSlug('north'),
      },
    );
    expect(chapter.statusCode, chapter.body).toBe(201);
    chapterId = (chapter.json() as { chapter: { id: string } }).chapter.id;
    const renamed = await call(org.orgAdmin.cookie, 'PATCH', `/api/chapters/${chapterId}`, {
      name: 'North chapter',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });
  afterAll(() => ctx.close());

  describe('an event’s log', () => {
    it('401 signed out; 404 where the event is unseen, 403 where it is seen (public, or its responder)', async () => {
      const url = `/api/events/${eventId}/audit`;
      expect((await call(null, 'GET', url)).statusCode).toBe(401);
      // An active event's page is public: strangers see it exists, and may not read its log.
      expect((await call(stranger.cookie, 'GET', url)).statusCode).toBe(403);
      expect((await call(other.orgAdmin.cookie, 'GET', url)).statusCode).toBe(403);
      // A draft is nobody's business outside its organization.
      const draft = await event(ctx, org);
      for (const who of [stranger, other.orgAdmin, responder]) {
        expect((await call(who.cookie, 'GET', `/api/events/${draft.id}/audit`)).statusCode).toBe(
          404,
        );
        expect(
          (await call(who.cookie, 'GET', `/api/events/${draft.id}/audit.csv`)).statusCode,
        ).toBe(404);
      }
      // A system admin has no conduct role: the event log is not theirs (SPEC §3).
      expect((await call(sys.cookie, 'GET', url)).statusCode).toBe(403);
      const res = await call(responder.cookie, 'GET', url);
      expect(res.statusCode).toBe(403);
      expect((await call(responder.cookie, 'GET', `${url}.csv`)).statusCode).toBe(403);
      expect((await call(org.orgAdmin.cookie, 'GET', `/api/events/nope/audit`)).statusCode).toBe(
        404,
      );
    });

    it('shows only that event’s entries, newest first, with old → new and the reason', async () => {
      const page = await list(org.orgAdmin.cookie, `/api/events/${eventId}/audit?pageSize=100`);
      expect(page.total).toBeGreaterThan(2);
      expect(page.items.every((e) => e.scope.type === 'event' && e.scope.id === eventId)).toBe(
        true,
      );
      const times = page.items.map((e) => e.occurredAt);
      expect([...times].sort().reverse()).toEqual(times);
      const suspend = page.items.find((e) => e.action === 'event.suspend')!;
      expect(suspend.actor).toEqual({ id: org.orgAdmin.id, name: 'Olga Orgadmin' });
      expect(suspend.reason).toBe('=HYPERLINK("http://evil.example")');
      expect(suspend.target).toEqual({ type: 'event', id: eventId });
      expect(suspend.requestId).toBeTruthy();
      // Client addresses are for the system log only.
      expect(suspend).not.toHaveProperty('ipAddress');
      expect(suspend).not.toHaveProperty('userAgent');
      // Pages of one entry: each carries the same total; past the last, none and the total.
      const url = `/api/events/${eventId}/audit?pageSize=1`;
      const second = await list(org.orgAdmin.cookie, `${url}&page=2`);
      expect(second.items.map((e) => e.id)).toEqual([page.items[1]!.id]);
      expect(second.total).toBe(page.total);
      const past = await list(org.orgAdmin.cookie, `${url}&page=${page.total + 1}`);
      expect(past).toMatchObject({ items: [], total: page.total });
      const sibling = await list(
        org.orgAdmin.cookie,
        `/api/events/${siblingId}/audit?pageSize=100`,
      );
      expect(sibling.items.some((e) => e.action === 'event.suspend')).toBe(false);
    });

    it('filters by action (exact or prefix), actor (id or name), target, outcome and days', async () => {
      const base = `/api/events/${eventId}/audit`;
      const exact = await list(org.orgAdmin.cookie, `${base}?action=event.suspend`);
      expect(exact.items.map((e) => e.action)).toEqual(['event.suspend']);
      const prefix = await list(org.orgAdmin.cookie, `${base}?action=event.`);
      expect(prefix.items.length).toBeGreaterThan(1);
      expect(prefix.items.every((e) => e.action.startsWith('event.'))).toBe(true);
      const star = await list(org.orgAdmin.cookie, `${base}?action=event.sus*`);
      expect(star.items.map((e) => e.action)).toEqual(['event.suspend']);

      const byId = await list(org.orgAdmin.cookie, `${base}?actor=${org.orgAdmin.id}`);
      expect(byId.total).toBeGreaterThan(0);
      expect(byId.items.every((e) => e.actor?.id === org.orgAdmin.id)).toBe(true);
      // Both organizations' admins are called Olga: a name matches every one of them.
      const byName = await list(org.orgAdmin.cookie, `${base}?actor=olga`);
      expect(byName.total).toBeGreaterThanOrEqual(byId.total);
      expect(byName.items.every((e) => e.actor?.name === 'Olga Orgadmin')).toBe(true);
      const byEmail = await list(
        org.orgAdmin.cookie,
        `${base}?actor=${encodeURIComponent(org.orgAdmin.who.email.slice(0, 10))}`,
      );
      // Addresses are not searchable outside the system log: hits and misses would tell
      // organizers the addresses of attendees who did not share them.
      expect(byEmail.total).toBe(0);
      expect((await list(org.orgAdmin.cookie, `${base}?actor=nobody-like-this`)).total).toBe(0);

      const team = await list(
        org.orgAdmin.cookie,
        `${base}?targetType=user&targetId=${responder.id}`,
      );
      expect(team.total).toBeGreaterThan(0);
      expect(team.items.every((e) => e.target?.id === responder.id)).toBe(true);

      const today = new Date().toISOString().slice(0, 10);
      const all = await list(org.orgAdmin.cookie, base);
      expect((await list(org.orgAdmin.cookie, `${base}?from=${today}&to=${today}`)).total).toBe(
        all.total,
      );
      expect((await list(org.orgAdmin.cookie, `${base}?to=2000-01-01`)).total).toBe(0);
      expect((await list(org.orgAdmin.cookie, `${base}?from=2999-01-01`)).total).toBe(0);

      const bad = await call(org.orgAdmin.cookie, 'GET', `${base}?outcome=maybe`);
      expect(bad.statusCode).toBe(400);
    });

    it('the security view: denied attempts with their reason', async () => {
      // The responder may see the event but not change it: a 403, audited as denied.
      const refused = await call(responder.cookie, 'PATCH', `/api/events/${eventId}`, {
        name: 'Taken over',
      });
      expect(refused.statusCode).toBe(403);
      const denied = await list(org.orgAdmin.cookie, `/api/events/${eventId}/audit?outcome=denied`);
      expect(denied.items.length).toBeGreaterThan(0);
      expect(denied.items.every((e) => e.outcome === 'denied')).toBe(true);
      const entry = denied.items.find(
        (e) => e.actor?.id === responder.id && e.action === 'event.update',
      );
      expect(entry?.reason).toMatch(/^forbidden: /);
      // The responder's earlier refused reads of the log are there too.
      expect(denied.items.some((e) => e.action === 'event.audit.view')).toBe(true);
    });

    it('exports the same filters as CSV, formula-safe, and the export is audited', async () => {
      const url = `/api/events/${eventId}/audit.csv?action=event.`;
      const { result: res, entry } = await expectOneAudit(
        ctx,
        () => call(org.orgAdmin.cookie, 'GET', url),
        {
          action: 'event.audit.export',
          actorId: org.orgAdmin.id,
          scope: { type: 'event', id: eventId },
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="event-audit-/);
      expect(res.headers['cache-control']).toMatch(/no-store/);
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(1);
      expect(Object.keys(rows[0]!)).not.toContain('ip_address');
      expect(rows.every((r) => r.action!.startsWith('event.'))).toBe(true);
      const suspend = rows.find((r) => r.action === 'event.suspend')!;
      expect(suspend.reason).toBe(`'=HYPERLINK("http://evil.example")`);
      expect(entry.after).toMatchObject({
        entries: rows.length,
        truncated: false,
        filters: { action: 'event.' },
      });
    });
  });

  describe('an organization’s log', () => {
    it('401, 404 for strangers and other org admins, 403 for its viewers', async () => {
      const url = `/api/organizations/${org.id}/audit`;
      expect((await call(null, 'GET', url)).statusCode).toBe(401);
      expect((await call(stranger.cookie, 'GET', url)).statusCode).toBe(404);
      expect((await call(other.orgAdmin.cookie, 'GET', url)).statusCode).toBe(404);
      expect((await call(viewer.cookie, 'GET', url)).statusCode).toBe(403);
      expect((await call(viewer.cookie, 'GET', `${url}.csv`)).statusCode).toBe(403);
      // System admins see organizations (logistics) but read only the system log.
      expect((await call(sys.cookie, 'GET', url)).statusCode).toBe(403);
    });

    it('holds the organization’s entries and its chapters’, never its events’', async () => {
      const page = await list(
        org.orgAdmin.cookie,
        `/api/organizations/${org.id}/audit?pageSize=100`,
      );
      const scopes = new Set(page.items.map((e) => `${e.scope.type}:${e.scope.id}`));
      expect(scopes).toEqual(new Set([`organization:${org.id}`, `chapter:${chapterId}`]));
      const rename = page.items.find((e) => e.action === 'chapter.update')!;
      expect(rename.before).toEqual({ name: 'North' });
      expect(rename.after).toEqual({ name: 'North chapter' });
      expect(page.items.some((e) => e.action === 'chapter.create')).toBe(true);
      const mine = await list(
        other.orgAdmin.cookie,
        `/api/organizations/${other.id}/audit?pageSize=100`,
      );
      expect(mine.items.some((e) => e.scope.id === chapterId || e.scope.id === org.id)).toBe(false);
    });

    it('exports as CSV, audited in the organization', async () => {
      const { result: res } = await expectOneAudit(
        ctx,
        () => call(org.orgAdmin.cookie, 'GET', `/api/organizations/${org.id}/audit.csv`),
        {
          action: 'organization.audit.export',
          actorId: org.orgAdmin.id,
          scope: { type: 'organization', id: org.id },
        },
      );
      expect(res.statusCode).toBe(200);
      expect(res.body.split('\n')[0]).toMatch(/^occurred_at,actor_id,actor_name,action,outcome/);
    });
  });

  describe('the system log', () => {
    it('404 for anyone but system admins, before even reading the query', async () => {
      for (const url of [
        '/api/admin/audit',
        '/api/admin/audit.csv',
        '/api/admin/audit/denied-sign-ins',
        '/api/admin/audit?outcome=maybe',
      ]) {
        expect((await call(null, 'GET', url)).statusCode).toBe(401);
        expect((await call(org.orgAdmin.cookie, 'GET', url)).statusCode).toBe(404);
        expect((await call(stranger.cookie, 'GET', url)).statusCode).toBe(404);
      }
    });

    it('a system admin without two-factor is asked to set it up', async () => {
      const second = await member(ctx, 'Sam Second');
      await ctx.database.db.insert(roleAssignments).values({
        userId: second.id,
        role: 'system_admin',
        scopeType: 'system',
        scopeId: null,
      });
      const res = await call(second.cookie, 'GET', '/api/admin/audit');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('mfa_required');
    });

    it('shows system entries only, with client address and user agent', async () => {
      const page = await list(sys.cookie, '/api/admin/audit?pageSize=100');
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((e) => e.scope.type === 'system')).toBe(true);
      const signIn = page.items.find((e) => e.action === 'auth.sign_in')!;
      expect(signIn).toHaveProperty('ipAddress');
      expect(signIn.ipAddress).toBe('127.0.0.1');
      expect(page.items.some((e) => e.action === 'event.suspend')).toBe(false);
    });

    it('refused sign-ins: in the denied tab, and grouped by the address tried', async () => {
      for (let i = 0; i < 3; i += 1) {
        const res = await call(null, 'POST', '/api/auth/sign-in', {
          email: stranger.who.email,
          password: 'not the password at all',
        });
        expect(res.statusCode).toBe(401);
      }
      const res = await call(null, 'POST', '/api/auth/sign-in', {
        email: 'nobody-here@example.org',
        password: 'not the password at all',
      });
      expect(res.statusCode).toBe(401);

      const denied = await list(sys.cookie, '/api/admin/audit?outcome=denied&action=auth.sign_in*');
      expect(denied.total).toBeGreaterThanOrEqual(4);
      expect(denied.items.every((e) => e.outcome === 'denied' && e.actor === null)).toBe(true);

      const grouped = await call(sys.cookie, 'GET', '/api/admin/audit/denied-sign-ins');
      expect(grouped.statusCode, grouped.body).toBe(200);
      const items = (
        grouped.json() as {
          items: { email: string; attempts: number; knownAccount: boolean; addresses: number }[];
        }
      ).items;
      expect(items.find((i) => i.email === stranger.who.email)).toMatchObject({
        attempts: 3,
        knownAccount: true,
        addresses: 1,
      });
      expect(items.find((i) => i.email === 'nobody-here@example.org')).toMatchObject({
        attempts: 1,
        knownAccount: false,
      });
    });

    it('exports with addresses, audited in the system scope', async () => {
      const { result: res } = await expectOneAudit(
        ctx,
        () => call(sys.cookie, 'GET', '/api/admin/audit.csv?outcome=denied'),
        { action: 'system.audit.export', actorId: sys.id, scope: { type: 'system' } },
      );
      expect(res.statusCode).toBe(200);
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).toContain('ip_address');
      expect(rows.every((r) => r.outcome === 'denied' && r.scope_type === 'system')).toBe(true);
    });
  });

  describe('append-only', () => {
    const db = () => ctx.database.db;
    // Drizzle wraps the database's error ("Failed query: …"); the trigger's words are its cause.
    const appendOnly = (error: unknown) => {
      const e = error as { message?: string; cause?: { message?: string } };
      return /append-only/.test(`${e.message ?? ''} ${e.cause?.message ?? ''}`);
    };

    it('the database refuses UPDATE, DELETE and TRUNCATE of audit entries', async () => {
      const before = (await auditRows(ctx)).length;
      expect(before).toBeGreaterThan(0);
      await expect(db().execute(sql`update audit_entries set action = 'forged'`)).rejects.toSatisfy(
        appendOnly,
      );
      await expect(db().execute(sql`delete from audit_entries`)).rejects.toSatisfy(appendOnly);
      await expect(db().execute(sql`truncate audit_entries`)).rejects.toSatisfy(appendOnly);
      // The purge's flag allows DELETE only, and only inside its own transaction.
      await expect(
        db().transaction(async (tx) => {
          await tx.execute(sql`set local steward.retention_purge = 'on'`);
          await tx.execute(sql`update audit_entries set action = 'forged'`);
        }),
      ).rejects.toSatisfy(appendOnly);
      await expect(
        db().transaction(async (tx) => {
          await tx.execute(sql`set local steward.retention_purge = 'on'`);
          await tx.execute(sql`truncate audit_entries`);
        }),
      ).rejects.toSatisfy(appendOnly);
      await db().transaction(async (tx) => {
        await tx.execute(sql`set local steward.retention_purge = 'on'`);
      });
      await expect(db().execute(sql`delete from audit_entries`)).rejects.toSatisfy(appendOnly);
      const after = await auditRows(ctx);
      expect(after.length).toBe(before);
      expect(after.some((r) => r.action === 'forged')).toBe(false);
    });

    it('no code but the retention purge updates or deletes audit entries', () => {
      const src = fileURLToPath(new URL('../src', import.meta.url));
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else if (/\.(ts|sql)$/.test(name)) files.push(path);
        }
      };
      walk(src);
      const writes = [
        /\b(update|delete)\s*\(\s*(schema\.)?auditEntries\b/,
        /\b(update|delete\s+from|truncate(\s+table)?)\s+"?audit_entries"?/i,
        /steward\.retention_purge/,
      ];
      const offenders = files
        .map((f) => relative(src, f).split('\\').join('/'))
        .filter((f) => !f.startsWith('modules/retention/') && !f.startsWith('db/migrations/'))
        .filter((f) => writes.some((re) => re.test(readFileSync(join(src, f), 'utf8'))));
      expect(offenders).toEqual([]);
      // And the purge's repository is where they are.
      const purge = readFileSync(join(src, 'modules/retention/repository.ts'), 'utf8');
      expect(writes.some((re) => re.test(purge))).toBe(true);
    });

    it('the API has no route that changes audit entries', async () => {
      const doc = (await call(null, 'GET', '/api/openapi.json')).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      const auditPaths = Object.entries(doc.paths).filter(([p]) => /audit/.test(p));
      expect(auditPaths.length).toBeGreaterThanOrEqual(7);
      for (const [path, methods] of auditPaths) {
        expect(Object.keys(methods), path).toEqual(['get']);
      }
      // Fastify's own table too (a route could hide from the document).
      const routes = ctx.app.printRoutes({ commonPrefix: false });
      const lines = routes.split('\n').filter((l) => /audit/.test(l));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).not.toMatch(/\b(POST|PUT|PATCH|DELETE)\b/);
      const count = (await auditRows(ctx)).filter((r) => r.outcome === 'success').length;
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        for (const url of [`/api/events/${eventId}/audit`, '/api/admin/audit']) {
          const res = await call(sys.cookie, method, url, {});
          expect(res.statusCode, `${method} ${url}`).toBe(404);
        }
      }
      // (POST /api/events/:id/:verb is the lifecycle's route; "audit" is no verb of it.)
      const post = await call(org.orgAdmin.cookie, 'POST', `/api/events/${eventId}/audit`, {});
      expect(post.statusCode).toBe(400);
      expect((await auditRows(ctx)).filter((r) => r.outcome === 'success').length).toBe(count);
    });
  });

  it('entries of an event stay its own even with another event of the same org', async () => {
    const third = await event(ctx, org);
    const page = await list(org.orgAdmin.cookie, `/api/events/${third.id}/audit`);
    expect(page.items.every((e) => e.scope.id === third.id)).toBe(true);
    expect(page.items.map((e) => e.action)).toContain('event.create');
  });
});
