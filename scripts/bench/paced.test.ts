import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actors } from './actors.js';
import { drivePaced, pacedConnections, percentile, rateForBusy } from './paced.js';
import type { Endpoint } from './workload.js';

const nobody: Actors = {
  reporters: [],
  submitters: [],
  responders: [],
  commenters: [],
  admins: [],
};
const endpoint: Endpoint = {
  name: 'probe',
  actor: 'none',
  share: 0,
  call: (_a, n) => ({ method: 'GET', path: `/probe/${n}` }),
};

let server: http.Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** A server answering each request after `delayMs`; it records the paths and connections seen. */
async function serve(delayMs: number, status = 200) {
  const paths: string[] = [];
  const sockets = new Set<unknown>();
  server = http.createServer((request, response) => {
    paths.push(request.url!);
    sockets.add(request.socket);
    setTimeout(() => response.writeHead(status).end(status === 200 ? 'ok' : 'no'), delayMs);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, paths, sockets };
}

describe('percentile', () => {
  it('the nearest rank: the value at or below which p percent lie', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBe(0);
  });
});

describe('drivePaced', () => {
  it('sends the offered rate, in order, and answers latencies of a free server', async () => {
    const { url, paths } = await serve(5);
    const m = await drivePaced(url, endpoint, nobody, 8, 1, 200);
    expect(m.failures).toBe(0);
    // 200 due in the second (the first at 0), every one answered.
    expect(m.requests).toBeGreaterThanOrEqual(199);
    expect(m.requests).toBeLessThanOrEqual(201);
    // Each request once, none skipped; the first due is the first to arrive. (The later ones go
    // out in order over 8 connections, so on a busy machine two may arrive swapped.)
    expect(paths[0]).toBe('/probe/0');
    expect([...paths].sort()).toEqual(
      Array.from({ length: paths.length }, (_, n) => `/probe/${n}`).sort(),
    );
    expect(m.p50).toBeGreaterThanOrEqual(5);
    // Counted from each request's due time, not the run's start (which would make it ~1 s); the
    // bound is loose, so that a busy test machine does not decide it.
    expect(m.p99).toBeLessThan(500);
  });

  it('counts the wait for a connection from when the request was due', async () => {
    // One connection and a 50-ms answer carry 20 a second; 40 a second are offered for half a
    // second, so the queue grows and the last ones wait about half a second more than the first.
    const { url, sockets } = await serve(50);
    const m = await drivePaced(url, endpoint, nobody, 1, 0.5, 40);
    expect(sockets.size).toBe(1);
    expect(m.requests).toBe(20);
    expect(m.p50).toBeGreaterThan(200);
    expect(m.p99).toBeGreaterThan(450);
  });

  it('sends a run on the connections of the one before when handed them, and leaves them open', async () => {
    // The benchmark's warm-up hands its connections to the measured run, so that none of the
    // measured requests waits for a connection to open.
    const { url, sockets } = await serve(20);
    const kept = pacedConnections(2);
    try {
      await drivePaced(url, endpoint, nobody, 2, 0.3, 50, kept);
      const opened = sockets.size;
      expect(opened).toBeGreaterThan(0);
      const m = await drivePaced(url, endpoint, nobody, 2, 0.3, 50, kept);
      expect(m.failures).toBe(0);
      expect(sockets.size).toBe(opened);
      expect([...sockets].every((s) => !(s as { destroyed: boolean }).destroyed)).toBe(true);
    } finally {
      kept.destroy();
    }
  });

  it('counts answers that are not 2xx as failures, with the first one', async () => {
    const { url } = await serve(1, 503);
    const m = await drivePaced(url, endpoint, nobody, 4, 0.2, 50);
    expect(m.requests).toBe(0);
    expect(m.failures).toBeGreaterThan(0);
    expect(m.firstFailure).toBe('503 no');
  });
});

describe('rateForBusy', () => {
  /** A host 4% busy anyway, each request costing `msPerRequest` of its two cores' time. */
  const host = (msPerRequest: number, tried: number[] = []) => {
    return async (rate: number) => {
      tried.push(rate);
      return 0.04 + (rate * msPerRequest) / 2000;
    };
  };

  it('finds the rate that keeps the host as busy as asked, from a start far below it', async () => {
    const tried: number[] = [];
    // 1 ms a request on two cores: 55% busy at 1,020 a second.
    const rate = await rateForBusy(host(1, tried), 100, 0.55, 5000, 3);
    expect(tried).toHaveLength(3);
    expect(rate).toBeGreaterThan(1020 * 0.97);
    expect(rate).toBeLessThan(1020 * 1.03);
  });

  it('comes down from a start above it', async () => {
    const rate = await rateForBusy(host(2), 2000, 0.55, 5000, 3);
    expect(rate).toBeGreaterThan(510 * 0.97);
    expect(rate).toBeLessThan(510 * 1.03);
  });

  it('never offers more than the endpoint sustained', async () => {
    // 60% busy would take 5,600 a second; it sustained 3,000.
    const tried: number[] = [];
    const rate = await rateForBusy(host(0.2, tried), 1500, 0.6, 3000, 3);
    expect(rate).toBe(3000);
    expect(Math.max(...tried)).toBe(3000);
  });

  it('steps at most fourfold, so that one stalled try does not throw the rate far off', async () => {
    const tried: number[] = [];
    // The first try meets a stall (the host all busy), then the host is as before.
    let first = true;
    const stalled = async (rate: number) => {
      tried.push(rate);
      if (first) return ((first = false), 1);
      return 0.04 + rate / 2000;
    };
    await rateForBusy(stalled, 1000, 0.1, 5000, 2);
    expect(tried).toEqual([1000, 250]);
  });
});
