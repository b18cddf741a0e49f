import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Actors } from './actors.js';
import { onTheWire, playersOf, type Endpoint, type Measured } from './workload.js';

/**
 * The value below which `p` percent of `sorted` (ascending) lie: the nearest rank, as HdrHistogram
 * and autocannon report it. 0 for no values.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Kept-alive connections for drivePaced, at most `connections` at once. */
export const pacedConnections = (connections: number) =>
  new http.Agent({ keepAlive: true, maxSockets: connections });

/**
 * Drives one endpoint at a constant rate over `connections` kept-alive connections, each
 * request from the next actor in turn: the open model of people who each act when they act,
 * whatever the others wait for.
 *
 * Request i is due at i / rate seconds. It goes out on a free connection at once, or waits for
 * one, and its latency counts from when it was due (as wrk2 counts it): a server that stalls
 * cannot hide the stall by slowing the load down. autocannon's own rate limit is no use here: each
 * connection sends its second's quota back to back at the start of the second, so the load comes
 * in bursts at full concurrency, and its correction for the requests not sent then assumes
 * one every millisecond.
 */
export async function drivePaced(
  url: string,
  endpoint: Endpoint,
  actors: Actors,
  connections: number,
  seconds: number,
  rate: number,
  /**
   * The connections to send on, kept open after the run; by default the run opens its own and
   * closes them. A warm-up that hands its connections on to the measured run keeps their opening
   * (and the server's accepting them) out of the measured latencies.
   */
  kept?: http.Agent,
): Promise<Measured> {
  const players = playersOf(endpoint, actors);
  const { hostname, port } = new URL(url);
  const agent = kept ?? pacedConnections(connections);
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let outstanding = 0;
  let settled: () => void = () => {};

  const send = (n: number, dueAt: number) => {
    const actor = players[n % players.length]!;
    const call = endpoint.call(actor, n);
    const { headers, body } = onTheWire(actor, call);
    outstanding += 1;
    const done = (failure?: string) => {
      if (failure !== undefined) {
        failures += 1;
        firstFailure ??= failure;
      } else {
        latencies.push(performance.now() - dueAt);
      }
      outstanding -= 1;
      if (outstanding === 0) settled();
    };
    const request = http.request(
      {
        agent,
        host: hostname,
        port,
        method: call.method,
        path: call.path,
        headers,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (!ok && text.length < 300) text += chunk;
        });
        response.on('end', () => done(ok ? undefined : `${status} ${text.slice(0, 300)}`));
        response.on('error', (err) => done(String(err)));
      },
    );
    request.on('error', (err) => done(String(err)));
    request.end(body);
  };

  const start = performance.now();
  const end = start + seconds * 1000;
  const interval = 1000 / rate;
  const dueOf = (i: number) => start + i * interval;
  let next = 0;
  await new Promise<void>((resolve) => {
    // Timers fire a millisecond apart at best: each firing sends every request due by then.
    const tick = () => {
      const now = performance.now();
      while (dueOf(next) <= now && dueOf(next) < end) {
        send(next, dueOf(next));
        next += 1;
      }
      if (dueOf(next) >= end) resolve();
      else setTimeout(tick, dueOf(next) - now);
    };
    tick();
  });
  if (outstanding > 0) await new Promise<void>((resolve) => (settled = resolve));
  if (!kept) agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    name: endpoint.name,
    offered: rate,
    rps: latencies.length / seconds,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    requests: latencies.length,
    failures,
    firstFailure,
  };
}

/**
 * The rate at which pacing an endpoint keeps the host about `target` busy (0–1), found by trying:
 * `busyAt(rate)` paces it at `rate` for a moment and answers how busy the host was meanwhile.
 *
 * Half of what an endpoint sustains is not half of the host: a request that arrives alone costs
 * more than one of many in flight, and by how much differs from one endpoint to the next
 * (eleventh round, docs/PERFORMANCE.md). Pacing each so that the host is equally busy reads
 * every p99 at one load of the host. The host's busy time grows about in proportion to the rate
 * (plus what the host does anyway), so each try scales the rate by the target over what the last
 * gave: if the host does `b` anyway, the error shrinks by about `b / target` a try. A step is
 * at most fourfold either way (one stalled try must not throw the rate far off), and the rate
 * stays between `max / 1000` and `max`, what the endpoint sustained: a host that cannot be kept
 * that busy by it gets all it sustains.
 */
export async function rateForBusy(
  busyAt: (rate: number) => Promise<number>,
  start: number,
  target: number,
  max: number,
  tries: number,
): Promise<number> {
  const within = (rate: number) => Math.min(max, Math.max(max / 1000, rate));
  let rate = within(start);
  for (let i = 0; i < tries; i++) {
    const busy = await busyAt(rate);
    const step = Math.min(4, Math.max(0.25, target / Math.max(busy, 1e-3)));
    rate = within(rate * step);
  }
  return rate;
}
