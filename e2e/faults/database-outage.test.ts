import { describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server.js';
import {
  cookieHeader,
  isRunning,
  newSubmission,
  pidOf,
  postReport,
  reportingEvent,
  roomyLimits,
  type Submission,
} from './support/crash-fixtures.js';
import { TcpProxy, type OutageMode } from './support/tcp-proxy.js';
import { postgresServerUrl, scratchDatabase, type ScratchDatabase } from './support/postgres.js';

/** One request of the load, as its client saw it. */
interface Answer {
  what: string;
  startedAt: number;
  endedAt: number;
  /** 0 when no answer came (the connection failed, or the bound ran out). */
  status: number;
  body: unknown;
  retryAfter: string | null;
  failure?: string;
}

// No request may take longer than this, answered or not, while the database is away.
const HANG_BOUND_MS = 10_000;
// The phases of the outage: cut connections and new ones cut at once, then refused, then held
// without an answer (a network partition, where only Steward's 5 s connection timeout ends the
// wait; the phase outlasts it, so such requests are answered while it lasts).
const OUTAGE: { mode: OutageMode; ms: number }[] = [
  { mode: 'reset', ms: 2_000 },
  { mode: 'refuse', ms: 2_000 },
  { mode: 'hang', ms: 7_000 },
];
// How soon after the database is back every request must succeed again.
const RECOVERY_MS = 5_000;

const standard503 = {
  error: {
    code: 'service_unavailable',
    message: expect.any(String),
    requestId: expect.any(String),
  },
};

/** Steady load: signed-in reads of a report and of its event, and submissions, until stopped. */
function driveLoad(server: RunningServer, eventId: string, reportId: string, cookies: Cookies) {
  const answers: Answer[] = [];
  const acknowledged: { id: string; title: string }[] = [];
  const refused: (Submission & { cookie?: string })[] = [];
  let stopped = false;

  async function call(what: string, path: string, init: RequestInit = {}) {
    const startedAt = Date.now();
    const answer: Answer = {
      what,
      startedAt,
      endedAt: 0,
      status: 0,
      body: null,
      retryAfter: null,
    };
    try {
      const res = await fetch(`${server.url}${path}`, {
        ...init,
        signal: AbortSignal.timeout(HANG_BOUND_MS),
      });
      answer.status = res.status;
      answer.retryAfter = res.headers.get('retry-after');
      answer.body = await res.json().catch(() => null);
    } catch (error) {
      answer.failure = String(error);
    }
    answer.endedAt = Date.now();
    answers.push(answer);
    return answer;
  }

  async function submit(what: string, cookie?: string) {
    const submission = newSubmission(`${what} ${answers.length}`);
    const startedAt = Date.now();
    const answer: Answer = { what, startedAt, endedAt: 0, status: 0, body: null, retryAfter: null };
    try {
      const res = await postReport(server.url, eventId, submission, {
        cookie,
        signal: AbortSignal.timeout(HANG_BOUND_MS),
      });
      answer.status = res.status;
      answer.retryAfter = res.headers.get('retry-after');
      answer.body = await res.json().catch(() => null);
    } catch (error) {
      answer.failure = String(error);
    }
    answer.endedAt = Date.now();
    answers.push(answer);
    const report = (answer.body as { report?: { id: string; title: string } } | null)?.report;
    if (answer.status === 201 && report) acknowledged.push(report);
    else refused.push({ ...submission, cookie });
  }

  const loop = async (step: () => Promise<unknown>) => {
    while (!stopped) {
      await step();
      // A breath between requests: failures come back fast, and the machine is shared.
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const running = Promise.all([
    loop(() => call('report page', `/api/reports/${reportId}`, { headers: cookies.organizer })),
    loop(() => call('event page', `/api/events/${eventId}`, { headers: cookies.organizer })),
    loop(() => call('own reports', '/api/me/reports', { headers: cookies.reporter })),
    loop(() => submit('anonymous submission')),
    loop(() => submit('signed-in submission', cookies.reporter.cookie)),
  ]);
  return {
    answers,
    acknowledged,
    refused,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

interface Cookies {
  organizer: { cookie: string };
  reporter: { cookie: string };
}

/** What a database restart does to its clients: their backends are ended, then the server is away. */
async function terminateBackends(database: ScratchDatabase) {
  const ended = await database.query<{ ok: boolean }>(
    `select pg_terminate_backend(pid) as ok from pg_stat_activity
     where datname = $1 and pid <> pg_backend_pid()`,
    [database.name],
  );
  return ended.length;
}

interface Unread {
  unread: number;
  latest?: { kind: string; link: string } | null;
}

/** A person's live notification stream (server-sent events), read one update at a time. */
async function notificationStream(baseUrl: string, cookie: string) {
  const stop = new AbortController();
  const res = await fetch(`${baseUrl}/api/notifications/stream`, {
    headers: { cookie },
    signal: stop.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    /** The next update that `matches`, or a failure after `timeoutMs`. */
    async nextWhere(matches: (u: Unread) => boolean, timeoutMs: number): Promise<Unread> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const block = /(?:^|\n)event: unread\ndata: (.*)\n\n/.exec(buffer);
        if (block) {
          buffer = buffer.slice(block.index + block[0].length);
          const update = JSON.parse(block[1]!) as Unread;
          if (matches(update)) return update;
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no such notification came in time');
        const chunk = await Promise.race([reader.read(), sleep(left).then(() => null)]);
        if (chunk?.done) throw new Error('the stream ended');
        if (chunk) buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => stop.abort(),
  };
}

// The LISTEN connection comes back with a growing pause (at most 30 s between attempts).
const LISTEN_BACK_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// PostgreSQL restarts under load; the PostgreSQL server itself is shared, so a proxy in front of
// it plays the restart. Steward must answer 503 while it is away, never 500 or a hang, and be
// whole again once it is back, without being restarted itself.
describe('the database restarts under load', () => {
  it('on PostgreSQL: clean 503s while it is away, then service again without a restart', async (ctx) => {
    const serverUrl =
      postgresServerUrl('the database-outage test') ?? ctx.skip('TEST_DATABASE_URL is not set');
    const database = await scratchDatabase(serverUrl);
    const target = new URL(serverUrl);
    const proxy = await TcpProxy.start({
      host: target.hostname,
      port: Number(target.port || 5432),
    });
    let server: RunningServer | undefined;
    try {
      server = await startServer({
        env: { ...roomyLimits, DATABASE_URL: proxy.urlFor(database.url) },
      });
      const output = server.output;
      ctx.onTestFailed(() => console.log(`--- Steward's log:\n${output().slice(-20_000)}`));
      const pid = pidOf(server);
      const setup = await reportingEvent(server);
      const cookies: Cookies = {
        organizer: { cookie: await cookieHeader(setup.organizer) },
        reporter: { cookie: await cookieHeader(setup.reporter) },
      };
      await setup.close();
      const first = await postReport(server.url, setup.eventId, newSubmission('The first one'), {
        cookie: cookies.reporter.cookie,
      });
      expect(first.status).toBe(201);
      const reportId = ((await first.json()) as { report: { id: string } }).report.id;

      const load = driveLoad(server, setup.eventId, reportId, cookies);
      await sleep(1_500);

      // The restart: backends ended by the server, then every connection cut and kept out.
      const downAt = Date.now();
      expect(await terminateBackends(database)).toBeGreaterThan(0);
      const readiness: Answer[] = [];
      let probeUntil = Infinity;
      const probing = (async () => {
        while (Date.now() < probeUntil) {
          const startedAt = Date.now();
          const answer: Answer = {
            what: 'readyz',
            startedAt,
            endedAt: 0,
            status: 0,
            body: null,
            retryAfter: null,
          };
          try {
            const res = await fetch(`${server!.url}/readyz`, {
              signal: AbortSignal.timeout(HANG_BOUND_MS),
            });
            answer.status = res.status;
            answer.body = await res.json();
          } catch (error) {
            answer.failure = String(error);
          }
          answer.endedAt = Date.now();
          readiness.push(answer);
          await sleep(250);
        }
      })();
      for (const phase of OUTAGE) {
        await proxy.down(phase.mode);
        await sleep(phase.ms);
      }
      probeUntil = Date.now();
      await proxy.up();
      const upAt = Date.now();
      await probing;

      // Back: the same process serves again.
      let recoveredAt = 0;
      while (!recoveredAt && Date.now() - upAt < RECOVERY_MS * 2) {
        const res = await fetch(`${server.url}/api/reports/${reportId}`, {
          headers: cookies.organizer,
        });
        if (res.status === 200) recoveredAt = Date.now();
        else await sleep(100);
      }
      await sleep(RECOVERY_MS);
      await load.stop();

      const { answers } = load;
      const describeAnswer = (a: Answer) =>
        `${a.what} at +${a.startedAt - downAt} ms: ${a.status || a.failure} ${JSON.stringify(a.body)}`;

      // Never a 500, never a hang, never a connection the app dropped.
      expect(answers.filter((a) => a.status === 0).map(describeAnswer)).toEqual([]);
      expect(
        answers.filter((a) => ![200, 201, 503].includes(a.status)).map(describeAnswer),
      ).toEqual([]);
      expect(Math.max(...answers.map((a) => a.endedAt - a.startedAt))).toBeLessThan(HANG_BOUND_MS);

      // While it was down (asked after the cut, answered before the return): only 503s, each in
      // the standard shape and with a Retry-After.
      const duringOutage = answers.filter((a) => a.startedAt > downAt + 100 && a.endedAt < upAt);
      expect(duringOutage.length).toBeGreaterThan(20);
      expect(duringOutage.filter((a) => a.status !== 503).map(describeAnswer)).toEqual([]);
      for (const a of answers.filter((x) => x.status === 503)) {
        expect(a.body, describeAnswer(a)).toEqual(standard503);
        expect(a.retryAfter, describeAnswer(a)).toMatch(/^\d+$/);
      }
      // Every kind of request met the outage, the hanging phase included.
      expect(new Set(duringOutage.map((a) => a.what)).size).toBe(5);
      const hangStart = downAt + OUTAGE[0]!.ms + OUTAGE[1]!.ms;
      expect(duringOutage.some((a) => a.startedAt > hangStart)).toBe(true);

      // Not ready while down, ready again after.
      const readyWhileDown = readiness.filter(
        (a) => a.startedAt > downAt + 100 && a.endedAt < upAt,
      );
      expect(readyWhileDown.length).toBeGreaterThan(0);
      for (const a of readyWhileDown) {
        expect(a.status).toBe(503);
        expect(a.body).toMatchObject({ status: 'not_ready', checks: { database: 'unreachable' } });
      }
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      // Recovered within seconds, on its own; after that, everything succeeds again.
      expect(recoveredAt, 'the app never served again').toBeGreaterThan(0);
      expect(recoveredAt - upAt).toBeLessThan(RECOVERY_MS);
      const afterRecovery = answers.filter((a) => a.startedAt > recoveredAt);
      expect(afterRecovery.length).toBeGreaterThan(20);
      expect(afterRecovery.filter((a) => a.status >= 300).map(describeAnswer)).toEqual([]);

      // Live notifications work again: the LISTEN connection came back by itself.
      const stream = await notificationStream(server.url, cookies.organizer.cookie);
      try {
        await stream.nextWhere(() => true, 5_000);
        const res = await postReport(server.url, setup.eventId, newSubmission('After the outage'));
        expect(res.status).toBe(201);
        const { report } = (await res.json()) as { report: { id: string } };
        const live = await stream.nextWhere(
          (u) => u.latest?.link === `/reports/${report.id}`,
          LISTEN_BACK_MS,
        );
        expect(live.latest).toMatchObject({ kind: 'report.new' });
        load.acknowledged.push({ id: report.id, title: 'After the outage' });
      } finally {
        stream.close();
      }

      // The same process throughout.
      expect(isRunning(pid)).toBe(true);
      expect(pidOf(server)).toBe(pid);

      // Every acknowledged submission is there; a refused one, sent again with its key, is
      // made now or found made (a commit whose answer was lost), and never doubled.
      const retried: string[] = [];
      for (const submission of load.refused) {
        const res = await postReport(server.url, setup.eventId, submission, {
          cookie: submission.cookie,
        });
        expect([200, 201], `${submission.title} sent again`).toContain(res.status);
        retried.push(((await res.json()) as { report: { id: string } }).report.id);
      }
      const stored = await database.query<{ id: string; title: string; n: number }>(
        `select r.id, r.title, (select count(*)::int from reports x where x.event_id = r.event_id) as n
         from reports r where r.event_id = $1`,
        [setup.eventId],
      );
      const byId = new Map(stored.map((r) => [r.id, r]));
      for (const report of load.acknowledged) {
        expect(byId.get(report.id)?.title, `${report.title} in the database`).toBe(report.title);
      }
      expect(load.refused.length).toBeGreaterThan(0);
      expect(stored.length).toBe(1 + load.acknowledged.length + load.refused.length);
      expect(new Set([reportId, ...load.acknowledged.map((r) => r.id), ...retried]).size).toBe(
        stored.length,
      );
      expect(await server.stop()).toBe(0);
      server = undefined;
    } finally {
      await server?.stop();
      await proxy.close();
      await database.drop();
    }
  });
});
