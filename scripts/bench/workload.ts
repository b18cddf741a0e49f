import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { Actor, Actors } from './actors.js';

/** One request of the workload, as a realistic actor would send it. */
interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

/** An endpoint driven by the benchmark: who calls it, and what a call looks like. */
export interface Endpoint {
  name: string;
  actor: keyof Actors | 'none';
  /** Connections it gets in the mixed run, out of 64 (scaled to --connections). */
  share: number;
  call(actor: Actor, n: number): Call;
}

const pick = <T>(list: T[], n: number): T => list[n % list.length]!;

// Filters a responder really uses on the queue: open work, the serious ones, the unassigned,
// a word search. Each call takes the next.
const queueFilters = [
  'state=submitted,acknowledged,investigating&sort=newest',
  'severity=high,critical&sort=severity',
  'assignee=none&state=submitted',
  'q=badge&sort=newest',
];

export const endpoints: Endpoint[] = [
  {
    name: 'my-reports',
    actor: 'reporters',
    share: 8,
    call: () => ({ method: 'GET', path: '/api/me/reports' }),
  },
  {
    name: 'queue',
    actor: 'responders',
    share: 12,
    call: (a, n) => ({
      method: 'GET',
      path: `/api/events/${a.eventId}/reports?${pick(queueFilters, n)}`,
    }),
  },
  {
    name: 'detail',
    actor: 'responders',
    share: 16,
    call: (a, n) => ({ method: 'GET', path: `/api/reports/${pick(a.reportIds, n)}` }),
  },
  {
    name: 'comment',
    actor: 'commenters',
    share: 6,
    call: (a, n) => ({
      method: 'POST',
      path: `/api/reports/${pick(a.reportIds, n)}/comments`,
      body: { body: `Spoke with the venue about this (${n}).`, visibility: 'internal' },
    }),
  },
  {
    name: 'submit',
    actor: 'submitters',
    share: 6,
    call: (a, n) => ({
      method: 'POST',
      path: `/api/events/${a.eventId}/reports`,
      body: {
        idempotencyKey: randomUUID(),
        title: `Someone kept following me (${n})`,
        description: 'After the evening talk someone followed me to the cloakroom twice.',
        type: 'harassment',
      },
    }),
  },
  {
    name: 'team',
    actor: 'admins',
    share: 8,
    call: (a) => ({ method: 'GET', path: `/api/events/${a.eventId}/team` }),
  },
  {
    name: 'audit',
    actor: 'admins',
    share: 8,
    call: (a) => ({ method: 'GET', path: `/api/events/${a.eventId}/audit` }),
  },
];

/** The baseline's one route: a report by id, from the ids the responders work on. */
export const baselineEndpoint = (ids: string[]): Endpoint => ({
  name: 'baseline',
  actor: 'none',
  share: 0,
  call: (_a, n) => ({ method: 'GET', path: `/baseline/reports/${pick(ids, n)}` }),
});

/** Who sends an endpoint's requests: its kind of actor, or one nobody for the baseline. */
export const playersOf = (endpoint: Endpoint, actors: Actors): Actor[] =>
  endpoint.actor === 'none' ? [{ cookie: '', eventId: '', reportIds: [] }] : actors[endpoint.actor];

/** A call's headers and body as sent: the actor's session cookie, the body as JSON. */
export const onTheWire = (actor: Actor, call: Call) => ({
  headers: {
    cookie: actor.cookie,
    ...(call.body ? { 'content-type': 'application/json' } : {}),
  },
  body: call.body ? JSON.stringify(call.body) : undefined,
});

export interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers that were not 2xx, errors and timeouts: any of them spoils the figures. */
  failures: number;
  /** Requests a second asked of a paced run. */
  offered?: number;
  /**
   * Requests a second counting the time after the run that the outbox took to send the emails
   * they queued (runs alone): what the host sustains.
   */
  sustained?: number;
  /** CPU milliseconds per request: the server's and its database connections' (alone runs). */
  cpu?: { server: number; database: number };
  /** How busy the host's cores were during the run, 0–1 (runs alone and paced). */
  hostBusy?: number;
  firstFailure?: string;
}

/**
 * Drives one endpoint with autocannon, as fast as the connections go, each request from the next
 * actor in turn. (At a set rate: paced.ts.)
 */
export async function drive(
  url: string,
  endpoint: Endpoint,
  actors: Actors,
  connections: number,
  seconds: number,
): Promise<Measured> {
  const players = playersOf(endpoint, actors);
  let n = 0;
  let firstFailure: string | undefined;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          n += 1;
          const actor = players[n % players.length]!;
          const call = endpoint.call(actor, n);
          return { ...request, method: call.method, path: call.path, ...onTheWire(actor, call) };
        },
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && !firstFailure) {
            firstFailure = `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  return {
    name: endpoint.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    firstFailure,
  };
}

/**
 * Every endpoint at once (the mixed run), the connections shared out by each endpoint's share:
 * one Measured per endpoint, in the order given.
 */
export function driveMixed(
  url: string,
  endpoints: readonly Endpoint[],
  actors: Actors,
  connections: number,
  seconds: number,
): Promise<Measured[]> {
  const total = endpoints.reduce((sum, e) => sum + e.share, 0);
  return Promise.all(
    endpoints.map((e) =>
      drive(url, e, actors, Math.max(1, Math.round((connections * e.share) / total)), seconds),
    ),
  );
}
