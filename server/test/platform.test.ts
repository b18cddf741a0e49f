import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './support/app.js';

describe('health, errors and the security baseline', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('answers liveness and readiness as JSON', async () => {
    const live = await ctx.app.inject({ url: '/healthz' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });

    const ready = await ctx.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'current' },
    });
  });

  it('says not ready while migrations are pending', async () => {
    const other = await createTestApp();
    try {
      await other.database.db.execute('delete from drizzle.__drizzle_migrations');
      const ready = await other.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks).toEqual({ database: 'ok', migrations: 'pending' });
    } finally {
      await other.close();
    }
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const res = await ctx.app.inject({ url: '/api/no/such/thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual({
      error: {
        code: 'not_found',
        message: expect.any(String),
        requestId: res.headers['x-request-id'],
      },
    });
  });

  // Found by the OpenAPI fuzzer: the router answered these itself, in Fastify's body and with
  // no request id (server/src/app.ts, frameworkErrors).
  it('answers addresses the router cannot read with the JSON error shape', async () => {
    for (const [url, status, code, message] of [
      ['/api/events/%zz', 400, 'bad_request', 'The address is not valid.'],
      [`/api/events/${'x'.repeat(101)}`, 404, 'not_found', 'Nothing is at this address.'],
    ] as const) {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
      expect(res.json()).toEqual({
        error: { code, message, requestId: res.headers['x-request-id'] },
      });
    }
  });

  it('answers unknown app routes with the web app', async () => {
    const res = await ctx.app.inject({
      url: '/some/page/the/app/knows',
      headers: { accept: 'text/html' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<div id="root">');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves built assets with a long cache, and 404s missing ones as JSON', async () => {
    const asset = await ctx.app.inject({ url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await ctx.app.inject({ url: '/assets/missing.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('sends a strict Content-Security-Policy and the helmet headers', async () => {
    const res = await ctx.app.inject({ url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // The same set on every answer, the API's and its refusals too (worked out once, at start).
    for (const url of ['/', '/healthz', '/api/reports/not-a-report']) {
      const answer = await ctx.app.inject({ url });
      expect(answer.headers, url).toMatchObject({
        'content-security-policy': csp,
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-frame-options': 'SAMEORIGIN',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'x-content-type-options': 'nosniff',
        'x-dns-prefetch-control': 'off',
        'origin-agent-cluster': '?1',
      });
      expect(answer.headers).not.toHaveProperty('x-powered-by');
    }
  });

  it('keeps CORS closed', async () => {
    const preflight = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/api/auth/sign-in',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const get = await ctx.app.inject({
      url: '/api/setup',
      headers: { origin: 'https://evil.example' },
    });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses writes from another site', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: 'https://evil.example' },
      payload: { email: 'a@example.org', password: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('limits the body size', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('answers malformed JSON and wrong content types with a clear 4xx', async () => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');

    const form = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a@example.org',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('unsupported_media_type');
  });

  it('reveals nothing internal in a 5xx', async () => {
    const broken = await createTestApp();
    await broken.database.close(); // the database goes away under a running app
    try {
      const res = await broken.app.inject({ url: '/api/setup' });
      // A database that cannot be reached is a 503 to try again, not an internal error.
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      const body = res.json();
      expect(body.error.code).toBe('service_unavailable');
      expect(body.error.requestId).toBe(res.headers['x-request-id']);
      expect(JSON.stringify(body)).not.toMatch(/select|pglite|stack|role_assignments/i);

      const ready = await broken.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks.database).toBe('unreachable');
    } finally {
      await broken.app.close();
    }
  });

  it('keeps a request id from a trusted proxy, and makes its own otherwise', async () => {
    const untrusted = await ctx.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'lb-123' },
    });
    expect(untrusted.headers['x-request-id']).not.toBe('lb-123');

    const proxied = await createTestApp({ TRUST_PROXY: '1' });
    try {
      const res = await proxied.app.inject({
        url: '/healthz',
        headers: { 'x-request-id': 'lb-123' },
      });
      expect(res.headers['x-request-id']).toBe('lb-123');
    } finally {
      await proxied.close();
    }
  });
});

describe('OpenAPI document', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('is generated from the route schemas', async () => {
    const res = await ctx.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/setup',
        '/api/setup/check',
        '/api/auth/sign-in',
        '/healthz',
        '/readyz',
      ]),
    );
    const setupBody = doc.paths['/api/setup'].post.requestBody.content['application/json'].schema;
    expect(setupBody.required).toEqual(
      expect.arrayContaining(['token', 'name', 'email', 'password']),
    );
    expect(JSON.stringify(doc.paths['/api/setup'].post.responses['409'])).toContain('Error');
  });

  it('is browsable at /api/docs', async () => {
    const res = await ctx.app.inject({ url: '/api/docs/' });
    expect([200, 302]).toContain(res.statusCode);
    const page =
      res.statusCode === 302 ? await ctx.app.inject({ url: res.headers.location! }) : res;
    expect(page.body).toMatch(/swagger/i);
  });
});
