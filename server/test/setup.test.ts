import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEntries, roleAssignments, setupTokens, users } from '../src/db/schema/index.js';
import { createTestApp, type TestContext } from './support/app.js';
import { admin, issueSetupToken, sessionCookie } from './support/setup-link.js';

describe('first system admin setup', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestApp();
  });
  afterEach(() => ctx.close());

  it('reports that setup is needed until an admin exists', async () => {
    const before = await ctx.app.inject({ url: '/api/setup' });
    expect(before.json()).toEqual({ needed: true });

    const token = await issueSetupToken(ctx);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token, ...admin },
    });
    expect(res.statusCode).toBe(201);

    const after = await ctx.app.inject({ url: '/api/setup' });
    expect(after.json()).toEqual({ needed: false });
  });

  it('creates the admin, the role, spends the token and audits it in one step', async () => {
    const token = await issueSetupToken(ctx);
    const check = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup/check',
      payload: { token },
    });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual({ valid: true });

    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      headers: { 'user-agent': 'vitest' },
      payload: { token, ...admin, email: '  Ada@Example.org ' },
    });
    expect(res.statusCode).toBe(201);
    const { user } = res.json();
    expect(user).toMatchObject({ name: admin.name, email: 'ada@example.org' });

    const db = ctx.database.db;
    const roles = await db
      .select()
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, user.id));
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({ role: 'system_admin', scopeType: 'system', scopeId: null });

    const tokens = await db.select().from(setupTokens);
    expect(tokens.every((t) => t.usedAt !== null)).toBe(true);

    const audit = await db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'system.setup.complete'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: user.id,
      scopeType: 'system',
      targetType: 'user',
      targetId: user.id,
      outcome: 'success',
      requestId: res.headers['x-request-id'],
      userAgent: 'vitest',
    });
    expect(audit[0]!.after).toMatchObject({
      role: 'system_admin',
      user: { email: 'ada@example.org' },
    });
  });

  it('signs the new admin in', async () => {
    const token = await issueSetupToken(ctx);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token, ...admin },
    });
    const cookie = sessionCookie(res.headers['set-cookie']);
    const session = await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.json().user).toMatchObject({
      email: admin.email,
      systemRoles: ['system_admin'],
    });
  });

  it('refuses a wrong token with 404 and creates nothing', async () => {
    await issueSetupToken(ctx);
    const wrong = 'x'.repeat(43);
    const check = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup/check',
      payload: { token: wrong },
    });
    expect(check.statusCode).toBe(404);
    expect(check.json().error.code).toBe('setup_token_invalid');

    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: wrong, ...admin },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('setup_token_invalid');
    expect(await ctx.database.db.select().from(users)).toHaveLength(0);
  });

  it('works only once: every link stops working after setup', async () => {
    const first = await issueSetupToken(ctx);
    const second = await issueSetupToken(ctx); // a later restart printed another link
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: first, ...admin },
    });
    expect(ok.statusCode).toBe(201);

    for (const token of [first, second]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { token, ...admin, email: 'mallory@example.org' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('setup_already_done');
    }
    const admins = await ctx.database.db.select().from(roleAssignments);
    expect(admins).toHaveLength(1);
  });

  it('lets a link from an earlier start work until setup is done', async () => {
    const earlier = await issueSetupToken(ctx);
    await issueSetupToken(ctx);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: earlier, ...admin },
    });
    expect(res.statusCode).toBe(201);
  });

  it('makes only one admin when two setups race', async () => {
    const [a, b] = [await issueSetupToken(ctx), await issueSetupToken(ctx)];
    const results = await Promise.all([
      ctx.app.inject({ method: 'POST', url: '/api/setup', payload: { token: a, ...admin } }),
      ctx.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { token: b, ...admin, email: 'bob@example.org' },
      }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await ctx.database.db.select().from(roleAssignments)).toHaveLength(1);
  });

  it('names every invalid field', async () => {
    const token = await issueSetupToken(ctx);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token, name: '', email: 'not-an-email', password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
    expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'body.email',
      'body.name',
      'body.password',
    ]);
  });

  it('issues no link once an admin exists', async () => {
    const token = await issueSetupToken(ctx);
    await ctx.app.inject({ method: 'POST', url: '/api/setup', payload: { token, ...admin } });
    await expect(issueSetupToken(ctx)).rejects.toThrow('setup is already done');
  });
});
