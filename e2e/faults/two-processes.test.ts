import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientKey, limitKey } from '../../server/src/rate-limit/limiter.js';
import { AdminClient, type Person } from '../support/accounts.js';
import type { RunningServer } from '../support/server.js';
import {
  newAuthSecret,
  randomClientIp,
  startProcesses,
  Visitor,
  type Answer,
} from './support/processes.js';
import { postgresServerUrl, scratchDatabase, type ScratchDatabase } from './support/postgres.js';

// Two Steward processes on one PostgreSQL database, as behind a load balancer: nothing that
// decides access, counts attempts or wakes a live stream may live in one process's memory. Every
// check goes through the HTTP API of the built server, and the person's cookies travel between
// the processes as a browser's would between the back ends of one address.

const serverUrl = postgresServerUrl('e2e/faults/two-processes.test.ts');
const redisUrl = process.env.REDIS_TEST_URL;
if (serverUrl && !redisUrl) {
  console.warn(
    '\n*** SKIPPED in two-processes.test.ts: shared rate limits in Redis. Set REDIS_TEST_URL, ' +
      'for example redis://127.0.0.1:6379 ***\n',
  );
}

const admin: Person = {
  name: 'Ada Operator',
  email: 'ada@example.org',
  password: 'correct horse battery',
};
const olga: Person = {
  name: 'Olga Organizer',
  email: 'olga@example.org',
  password: 'a quiet lake at dawn',
};
const ron: Person = {
  name: 'Ron Responder',
  email: 'ron@example.org',
  password: 'a kettle on the stove',
};
const rita: Person = {
  name: 'Rita Reporter',
  email: 'rita@example.org',
  password: 'paper boats in the rain',
};
const lee: Person = {
  name: 'Lee Locked',
  email: 'lee@example.org',
  password: 'moss on the north wall',
};

/** Small limits, so a handful of attempts reaches them; the same on every process. */
const limits = {
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '3/1m',
  RATE_LIMIT_SIGN_IN_PER_IP: '4/1m',
  // The processes sit behind a (pretend) load balancer, which names the client.
  TRUST_PROXY: 'true',
};

describe.skipIf(!serverUrl)('two app processes on one PostgreSQL', () => {
  let database: ScratchDatabase;
  let a: RunningServer;
  let b: RunningServer;
  const authSecret = newAuthSecret();
  let olgaV: Visitor;
  let ronV: Visitor;
  let ritaV: Visitor;
  let ronId = '';
  let eventId = '';

  /** Environment of every process: one database, one secret. */
  const sharedEnv = () => ({ DATABASE_URL: database.url, AUTH_SECRET: authSecret, ...limits });

  beforeAll(async () => {
    database = await scratchDatabase(serverUrl!);
    // Both migrate at start, at the same moment: the advisory lock lets one do it.
    [a, b] = (await startProcesses(2, sharedEnv())) as [RunningServer, RunningServer];

    // Everything is set up through A; B sees it only through the database.
    const operator = await AdminClient.create(a, admin);
    const olgaApi = await operator.member(olga, { twoFactor: true });
    const ronApi = await operator.member(ron);
    const ritaApi = await operator.member(rita);
    await (await operator.member(lee)).close();
    const { organization } = (await operator.call('POST', '/api/organizations', {
      name: 'Harbour Tech',
      slug: 'harbour-tech',
      firstAdminEmail: olga.email,
    })) as { organization: { id: string } };
    const link = await operator.emailedLink(olga.email, 'invitations');
    const token = decodeURIComponent(new URL(link).hash.replace(/^#token=/, ''));
    await olgaApi.call('POST', '/api/invitations/accept', { token });
    const { event } = (await olgaApi.call('POST', `/api/organizations/${organization.id}/events`, {
      name: 'Harbour Summit',
      slug: 'harbour-summit',
    })) as { event: { id: string } };
    eventId = event.id;
    await olgaApi.call('POST', `/api/events/${eventId}/activate`, {});
    await olgaApi.call('POST', `/api/events/${eventId}/team`, {
      email: ron.email,
      role: 'responder',
    });
    await olgaApi.call('POST', `/api/events/${eventId}/team`, {
      email: rita.email,
      role: 'reporter',
    });
    await operator.close();

    olgaV = await Visitor.of('Olga', olgaApi);
    ronV = await Visitor.of('Ron', ronApi);
    ritaV = await Visitor.of('Rita', ritaApi);
    // The role changes above rotate each session at its next read: settle that now, on B.
    for (const v of [olgaV, ronV, ritaV]) await v.ok(b, 'GET', '/api/auth/session');
    ronId = (await ronV.ok<{ user: { id: string } }>(a, 'GET', '/api/auth/session')).user.id;
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  /** A new report by Rita, through `server`. */
  async function submitReport(server: RunningServer, title: string): Promise<string> {
    const { report } = await ritaV.ok<{ report: { id: string } }>(
      server,
      'POST',
      `/api/events/${eventId}/reports`,
      {
        idempotencyKey: randomUUID(),
        title,
        description: 'Someone kept shouting over the speaker.',
        type: 'other',
      },
    );
    return report.id;
  }

  // Adding by address works whether or not he is on the team (it sets the role either way).
  const grant = (server: RunningServer) =>
    olgaV.ok(server, 'POST', `/api/events/${eventId}/team`, {
      email: ron.email,
      role: 'responder',
    });
  const revoke = (server: RunningServer) =>
    olgaV.ok(server, 'DELETE', `/api/events/${eventId}/team/${ronId}`, {});

  /** Ron's view of the report and the event's queue, both on `server`. */
  async function ronSees(server: RunningServer, reportId: string) {
    const report = await ronV.request(server, 'GET', `/api/reports/${reportId}`);
    const queue = await ronV.request(server, 'GET', `/api/events/${eventId}/reports`);
    return { report, queue };
  }

  it('both processes answer for one installation, and a session made on A is valid on B', async () => {
    expect(a.url).not.toBe(b.url);
    for (const server of [a, b]) {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect(server.output()).toContain('(PostgreSQL)');
    }
    // Ron signed in through A (in the setup); B knows him from the session row alone.
    const session = await ronV.ok<{ user: { email: string } }>(b, 'GET', '/api/auth/session');
    expect(session.user.email).toBe(ron.email);
  });

  it('a role revoked through one process is refused by the other on the very next request', async () => {
    const reportId = await submitReport(a, 'Heckling during the keynote');
    const seen = await ronSees(b, reportId);
    expect(seen.report.status).toBe(200);
    expect(seen.queue.status).toBe(200);

    // Both directions, twice each: revoke on one, read on the other at once; grant back the same.
    const rounds: [RunningServer, RunningServer][] = [
      [a, b],
      [b, a],
      [a, b],
      [b, a],
    ];
    for (const [changeOn, readOn] of rounds) {
      await revoke(changeOn);
      const refused = await ronSees(readOn, reportId);
      // The report is gone for him: not even its existence is told. The event itself is public,
      // so its queue still answers, with nothing in it for someone off the team.
      expect(refused.report.status, `report on ${readOn.url} after revoke on ${changeOn.url}`).toBe(
        404,
      );
      expectErrorBody(refused.report, 'not_found');
      expect(refused.queue.status, `queue on ${readOn.url}`).toBe(200);
      expect(queueIds(refused.queue)).toEqual([]);

      await grant(changeOn);
      const allowed = await ronSees(readOn, reportId);
      expect(allowed.report.status, `report on ${readOn.url} after grant on ${changeOn.url}`).toBe(
        200,
      );
      expect((allowed.report.body as { report: { id: string } }).report.id).toBe(reportId);
      expect(allowed.queue.status).toBe(200);
      expect(queueIds(allowed.queue)).toContain(reportId);
    }
  });

  it('a new report reaches a responder’s live stream on either process', async () => {
    // Ron listens on B while Rita reports through A, then the other way round.
    for (const [listenOn, reportOn] of [
      [b, a],
      [a, b],
    ] as const) {
      // His role is set again through the other process just before, so the stream is his first
      // read since a change of roles: it renews his session, and must go on with the new one.
      await grant(reportOn);
      const stream = await ronV.stream(listenOn);
      expect(stream.renewedSession).toBe(true);
      try {
        const first = await stream.next();
        const started = Date.now();
        const title = `Reported through ${reportOn === a ? 'A' : 'B'}`;
        const id = await submitReport(reportOn, title);
        const live = await stream.nextWhere((e) => e.latest?.link === `/reports/${id}`, 5000);
        expect(Date.now() - started).toBeLessThan(5000);
        expect(live.unread).toBe(first.unread + 1);
        expect(live.latest).toMatchObject({ kind: 'report.new', link: `/reports/${id}` });
        expect(live.latest?.title).toContain(title);
      } finally {
        stream.close();
      }
    }
  });

  it('a role change made through one process reaches the person’s stream on the other', async () => {
    await grant(a); // whatever an earlier test left
    await ronV.ok(a, 'GET', '/api/auth/session');
    for (const [listenOn, changeOn] of [
      [a, b],
      [b, a],
    ] as const) {
      const stream = await ronV.stream(listenOn);
      try {
        await stream.next();
        await revoke(changeOn);
        const removed = await stream.nextWhere((e) => e.latest?.kind === 'role.changed', 5000);
        expect(removed.latest?.title).toBe('You are no longer on the team of Harbour Summit.');
        await grant(changeOn);
        const given = await stream.nextWhere(
          (e) => e.latest?.kind === 'role.changed' && e.latest.id !== removed.latest?.id,
          5000,
        );
        expect(given.latest?.title).toMatch(/^You were added to Harbour Summit as responder/);
      } finally {
        stream.close();
      }
      // The role changes rotate Ron's session at his next read: take the new cookie now.
      await ronV.ok(listenOn, 'GET', '/api/auth/session');
    }
  });

  it('rate limits are shared: counted in the database, refused by whichever process is next', async () => {
    const used = await sharedSignInLimits([a, b]);
    // The counts are rows of the shared database, not memory of either process.
    const rows = await database.query<{ key: string; count: number }>(
      'select key, count from rate_limits where key = any($1)',
      [[used.accountKey, used.ipKey]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.key, r.count]))).toEqual({
      [used.accountKey]: used.accountHits,
      [used.ipKey]: used.ipHits,
    });
  });

  it.skipIf(!redisUrl)('rate limits are shared through Redis when REDIS_URL is set', async () => {
    const redis = new Redis(redisUrl!, { keyPrefix: REDIS_PREFIX, lazyConnect: true });
    await redis.connect();
    // Two more processes, on the same database, counting in Redis; the first two still run.
    const pair = await startProcesses(2, {
      ...sharedEnv(),
      REDIS_URL: redisUrl!,
      MIGRATE_ON_START: 'false',
    });
    let used: Awaited<ReturnType<typeof sharedSignInLimits>> | undefined;
    try {
      const before = await database.query<{ n: number }>(
        'select count(*)::int as n from rate_limits',
      );
      used = await sharedSignInLimits(pair);
      expect(await redis.get(used.accountKey)).toBe(String(used.accountHits));
      expect(await redis.get(used.ipKey)).toBe(String(used.ipHits));
      // …and none of it in the database.
      const after = await database.query<{ n: number }>(
        'select count(*)::int as n from rate_limits',
      );
      expect(after[0]!.n).toBe(before[0]!.n);
    } finally {
      await Promise.all(pair.map((p) => p.stop()));
      // Only this run's keys (a random client address and one account); they would expire with
      // their one-minute window anyway. Never a flush: the Redis may be shared.
      if (used) await redis.del(used.accountKey, used.ipKey, ...used.otherKeys);
      redis.disconnect();
    }
  });
});

/** The prefix redis-store.ts gives every key (Steward has no setting for it). */
const REDIS_PREFIX = 'steward:rate-limit:';

const queueIds = (answer: Answer) =>
  (answer.body as { items: { id: string }[] }).items.map((item) => item.id);

function expectErrorBody(answer: Answer, code: string) {
  expect(answer.body).toEqual({
    error: { code, message: expect.any(String), requestId: expect.any(String) },
  });
}

/** A 429 in the standard shape, with a Retry-After within the one-minute window. */
function expectRateLimited(answer: Answer, what: string) {
  expect(answer.status, what).toBe(429);
  expectErrorBody(answer, 'rate_limited');
  const retryAfter = answer.headers.get('retry-after');
  expect(retryAfter, `${what}: Retry-After`).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);
}

const signIn = (server: RunningServer, ip: string, email: string, password: string) =>
  new Visitor('anonymous').request(
    server,
    'POST',
    '/api/auth/sign-in',
    { email, password },
    { 'x-forwarded-for': ip },
  );

/**
 * Sign-in attempts alternating between the processes reach the limits of `limits` in total, not
 * per process: per account (3), each attempt from a new address, and per address (4), each for a
 * different account. Returns the store keys it counted on and how many hits each got.
 */
async function sharedSignInLimits(servers: RunningServer[]) {
  const at = (i: number) => servers[i % servers.length]!;
  const otherKeys: string[] = [];

  // Per account: wrong passwords for Lee from three addresses, through A, B, A…
  for (let i = 0; i < 3; i++) {
    const ip = randomClientIp();
    otherKeys.push(limitKey('signIn', 'ip', clientKey(ip)));
    const res = await signIn(at(i), ip, lee.email, 'not the password at all');
    expect(res.status, `attempt ${i + 1} on ${at(i).url}`).toBe(401);
  }
  // …then the fourth is refused wherever it lands, and so is the right password on the other.
  for (const [i, password] of [
    [3, 'not the password at all'],
    [4, lee.password],
  ] as const) {
    const ip = randomClientIp();
    otherKeys.push(limitKey('signIn', 'ip', clientKey(ip)));
    expectRateLimited(await signIn(at(i), ip, lee.email, password), `attempt ${i + 1} for Lee`);
  }

  // Per address: four unknown accounts from one address, alternating, then a fifth and sixth.
  const ip = randomClientIp();
  for (let i = 0; i < 4; i++) {
    const email = `nobody-${randomUUID()}@example.org`;
    otherKeys.push(limitKey('signIn', 'account', email));
    const res = await signIn(at(i), ip, email, 'not the password at all');
    expect(res.status, `address attempt ${i + 1} on ${at(i).url}`).toBe(401);
  }
  for (const i of [4, 5]) {
    expectRateLimited(
      await signIn(at(i), ip, `nobody-${randomUUID()}@example.org`, 'not the password at all'),
      `address attempt ${i + 1} on ${at(i).url}`,
    );
  }

  return {
    accountKey: limitKey('signIn', 'account', lee.email),
    // Three failures and two refusals: a refused attempt still counts.
    accountHits: 5,
    ipKey: limitKey('signIn', 'ip', clientKey(ip)),
    // Four failures and two refusals; the refused ones stop there, before any account count.
    ipHits: 6,
    otherKeys,
  };
}
