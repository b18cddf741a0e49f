import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { newDataDir, startServer, type RunningServer } from '../support/server.js';
import {
  cookieHeader,
  killHard,
  newSubmission,
  postReport,
  reportingEvent,
  roomyLimits,
  type Submission,
} from './support/crash-fixtures.js';
import { postgresServerUrl, scratchDatabase } from './support/postgres.js';

/** A report as the database holds it after the crash. */
interface StoredReport {
  id: string;
  number: number;
  title: string;
  report_count: number;
  submitted_entries: number;
}

// Every report of the event with its event's counter and its 'submitted' history entries.
const storedReportsQuery = `
  select r.id, r.number, r.title, e.report_count,
    (select count(*)::int from report_history h
      where h.report_id = r.id and h.kind = 'submitted') as submitted_entries
  from reports r join events e on e.id = r.event_id
  where r.event_id = $1
  order by r.number`;

interface Acknowledged extends Submission {
  id: string;
  number: number;
  /** Null for a signed-in submission. */
  followUpToken: string | null;
}

const SUBMITTERS = 4; // anonymous clients, plus one signed-in reporter
const KILL_AFTER_ACKNOWLEDGED = 40;

/**
 * Clients submit reports as fast as they can, each with its own idempotency key, until the
 * server dies under them: what was acknowledged (201), and what was in flight when it died.
 */
async function submitUntilKilled(server: RunningServer, eventId: string, reporterCookie: string) {
  const acknowledged: Acknowledged[] = [];
  const inFlight: (Submission & { cookie?: string })[] = [];
  const unexpected: string[] = [];
  let killed = false;

  const client = async (name: string, cookie?: string) => {
    for (let i = 1; ; i++) {
      const submission = newSubmission(`${name} report ${i}`);
      let res: Response;
      try {
        res = await postReport(server.url, eventId, submission, { cookie });
      } catch {
        // The connection died with the server: this submission may or may not have been kept.
        if (!killed) unexpected.push(`${submission.title}: connection failed before the kill`);
        inFlight.push({ ...submission, cookie });
        return;
      }
      const body = (await res.json().catch(() => null)) as {
        report?: { id: string; number: number };
        followUpToken?: string | null;
      } | null;
      if (res.status !== 201 || !body?.report) {
        unexpected.push(`${submission.title}: ${res.status} ${JSON.stringify(body)}`);
        return;
      }
      acknowledged.push({
        ...submission,
        id: body.report.id,
        number: body.report.number,
        followUpToken: body.followUpToken ?? null,
      });
    }
  };

  const clients = [
    ...Array.from({ length: SUBMITTERS }, (_, n) => client(`anonymous ${n + 1}`)),
    client('signed-in', reporterCookie),
  ];
  // The kill lands while every client has a submission on its way.
  while (acknowledged.length < KILL_AFTER_ACKNOWLEDGED && unexpected.length === 0) {
    await new Promise((r) => setTimeout(r, 5));
  }
  killed = true;
  await killHard(server);
  await Promise.all(clients);
  return { acknowledged, inFlight, unexpected };
}

/**
 * The whole scenario on one database: a stream of submissions, kill -9, a restart on the same
 * database, then every acknowledged report must be there, whole, and nothing half-written.
 */
async function crashAndRestart(opts: {
  start: () => Promise<RunningServer>;
  /** Every report of the event, read straight from the database (the server is stopped). */
  storedReports: (eventId: string) => Promise<StoredReport[]>;
}) {
  const first = await opts.start();
  let second: RunningServer | undefined;
  try {
    const setup = await reportingEvent(first);
    const { eventId } = setup;
    const reporterCookie = await cookieHeader(setup.reporter);
    await setup.close();

    const { acknowledged, inFlight, unexpected } = await submitUntilKilled(
      first,
      eventId,
      reporterCookie,
    );
    expect(unexpected, 'answers other than 201 before the kill').toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    // The kill fell mid-stream: some submissions were cut off without an answer.
    expect(inFlight.length).toBeGreaterThan(0);

    // A restart on the same database, as a process manager would do it: no cleanup between.
    second = await opts.start();

    // Each acknowledged report, as its reporter would open it again.
    for (const report of acknowledged) {
      const res = report.followUpToken
        ? await fetch(`${second.url}/api/follow-up`, {
            headers: { 'x-follow-up-token': report.followUpToken },
          })
        : await fetch(`${second.url}/api/reports/${report.id}`, {
            headers: { cookie: reporterCookie },
          });
      expect(res.status, `${report.title} (#${report.number}) after the restart`).toBe(200);
      const { report: found } = (await res.json()) as {
        report: { id: string; number: number; title: string };
      };
      expect(found).toMatchObject({ id: report.id, number: report.number, title: report.title });
    }

    // A client whose submission got no answer sends it again with the same key: it gets the
    // report the server kept (200), or a new one if none was kept (201); never a second copy.
    const retried: { title: string; id: string }[] = [];
    for (const submission of inFlight) {
      const res = await postReport(second.url, eventId, submission, { cookie: submission.cookie });
      expect([200, 201], `${submission.title} sent again`).toContain(res.status);
      const { report } = (await res.json()) as { report: { id: string; title: string } };
      expect(report.title).toBe(submission.title);
      retried.push(report);
    }

    expect(await second.stop()).toBe(0);
    second = undefined;

    const stored = await opts.storedReports(eventId);
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const report of acknowledged) {
      expect(byId.get(report.id), `${report.title} in the database`).toMatchObject({
        number: report.number,
        title: report.title,
      });
    }
    // Exactly one report per submission made, acknowledged or not: nothing lost, nothing doubled.
    expect(stored.length).toBe(acknowledged.length + inFlight.length);
    expect(new Set([...acknowledged.map((r) => r.id), ...retried.map((r) => r.id)]).size).toBe(
      stored.length,
    );
    // Nothing half-written: numbers run 1..n without a gap, the event's counter is n, and every
    // report has the history entry written in its transaction.
    expect(stored.map((r) => r.number)).toEqual(stored.map((_, i) => i + 1));
    expect(new Set(stored.map((r) => r.report_count))).toEqual(new Set([stored.length]));
    expect(stored.filter((r) => r.submitted_entries !== 1)).toEqual([]);
  } finally {
    await second?.stop();
    await first.stop();
  }
}

// The process dies at the worst moment: kill -9 while clients submit reports. Whatever it
// acknowledged must survive, on the embedded database and on PostgreSQL.
describe('kill -9 during a stream of report submissions', () => {
  it('on PGlite, a restart on the same data folder has every acknowledged report', async () => {
    const dataDir = newDataDir();
    try {
      await crashAndRestart({
        // The data-folder lock of the killed process is stale; the restart takes it over.
        start: () => startServer({ dataDir, env: roomyLimits }),
        async storedReports(eventId) {
          const db = await PGlite.create(join(dataDir, 'pglite'));
          try {
            return (await db.query<StoredReport>(storedReportsQuery, [eventId])).rows;
          } finally {
            await db.close();
          }
        },
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('on PostgreSQL, a restart has every acknowledged report', async (ctx) => {
    const database = await scratchDatabase(
      postgresServerUrl('the crash test on PostgreSQL') ?? ctx.skip('TEST_DATABASE_URL is not set'),
    );
    try {
      await crashAndRestart({
        start: () => startServer({ env: { ...roomyLimits, DATABASE_URL: database.url } }),
        storedReports: (eventId) => database.query<StoredReport>(storedReportsQuery, [eventId]),
      });
    } finally {
      await database.drop();
    }
  });
});
