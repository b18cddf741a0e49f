import { randomUUID } from 'node:crypto';
import { AdminClient, type MemberClient, type Person } from '../../support/accounts.js';
import type { RunningServer } from '../../support/server.js';

// What the crash and database-outage tests share: a hard kill of the server, an event that
// takes reports, and a submission as a client makes it.

/** The server's process id, from its JSON log (pino writes it on every line). */
export function pidOf(server: RunningServer): number {
  const pid = /"pid":(\d+)/.exec(server.output())?.[1];
  if (!pid) throw new Error(`no pid in the server's log:\n${server.output()}`);
  return Number(pid);
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** kill -9: no shutdown hook runs, nothing is flushed or closed. Waits until it is gone. */
export async function killHard(server: RunningServer): Promise<void> {
  const pid = pidOf(server);
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (isRunning(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} survived SIGKILL`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const people = {
  admin: { name: 'Ada Operator', email: 'ada@example.org', password: 'correct horse battery' },
  organizer: {
    name: 'Olga Organizer',
    email: 'olga@example.org',
    password: 'a quiet lake at dawn',
  },
  reporter: { name: 'Rita Reporter', email: 'rita@example.org', password: 'paper boats in rain' },
} satisfies Record<string, Person>;

export interface ReportingEvent {
  eventId: string;
  operator: AdminClient;
  /** The event's admin (the organization's first admin), who sees every report. */
  organizer: MemberClient;
  /** A member with the reporter role on the event. */
  reporter: MemberClient;
  close(): Promise<void>;
}

/**
 * A new installation's first admin, an organization, and an active event that takes reports
 * anonymously too (so clients without accounts can submit), with a reporter on its team.
 */
export async function reportingEvent(server: RunningServer): Promise<ReportingEvent> {
  const operator = await AdminClient.create(server, people.admin);
  const organizer = await operator.member(people.organizer, { twoFactor: true });
  const reporter = await operator.member(people.reporter);
  const { organization } = (await operator.call('POST', '/api/organizations', {
    name: 'Harbour Tech',
    slug: 'harbour-tech',
    firstAdminEmail: people.organizer.email,
  })) as { organization: { id: string } };
  const link = await operator.emailedLink(people.organizer.email, 'invitations');
  const token = decodeURIComponent(new URL(link).hash.replace(/^#token=/, ''));
  await organizer.call('POST', '/api/invitations/accept', { token });
  const { event } = (await organizer.call('POST', `/api/organizations/${organization.id}/events`, {
    name: 'Harbour Summit',
    slug: 'harbour-summit',
  })) as { event: { id: string } };
  await organizer.call('PATCH', `/api/events/${event.id}`, {
    settings: { reportIntake: 'anonymous' },
  });
  await organizer.call('POST', `/api/events/${event.id}/activate`, {});
  await organizer.call('POST', `/api/events/${event.id}/team`, {
    email: people.reporter.email,
    role: 'reporter',
  });
  // A change of roles rotates the session at its next read: take the new cookies now.
  for (const client of [organizer, reporter]) await client.call('GET', '/api/auth/session');
  return {
    eventId: event.id,
    operator,
    organizer,
    reporter,
    async close() {
      for (const client of [organizer, reporter, operator]) await client.close();
    },
  };
}

/** A Cookie header carrying a client's session, for plain fetch calls. */
export async function cookieHeader(client: MemberClient): Promise<string> {
  return (await client.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

export interface Submission {
  key: string;
  title: string;
}

/** A new submission: its own random idempotency key, as the API asks, and a unique title. */
export const newSubmission = (title: string): Submission => ({ key: randomUUID(), title });

/** Posts a report as a client would; `cookie` to submit signed in, else anonymously. */
export function postReport(
  baseUrl: string,
  eventId: string,
  submission: Submission,
  opts: { cookie?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${baseUrl}/api/events/${eventId}/reports`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
    },
    body: JSON.stringify({
      idempotencyKey: submission.key,
      title: submission.title,
      description: 'Someone shouted at a volunteer at the registration desk.',
      type: 'harassment',
      anonymous: !opts.cookie,
    }),
    signal: opts.signal,
  });
}

/** Limits wide enough for a test that submits as fast as it can from one address. */
export const roomyLimits = {
  RATE_LIMIT_REPORT_SUBMISSION_PER_IP: '1000000/1m',
  RATE_LIMIT_FOLLOW_UP_PER_IP: '1000000/1m',
};
