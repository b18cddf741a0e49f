import { describe, expect, it } from 'vitest';
import {
  baselineDrift,
  baselineOf,
  formatTable,
  growthOf,
  median,
  p99Against,
  ratioOf,
  type ScaleResult,
} from './report.js';
import type { Measured } from './workload.js';

const run = (name: string, rps: number, p99: number, cpu = 1): Measured => ({
  name,
  rps,
  p50: p99 / 2,
  p99,
  requests: rps * 10,
  failures: 0,
  cpu: { server: cpu / 2, database: cpu / 2 },
});

const scale = (n: number, p99s: Record<string, number>, ratios: number[]): ScaleResult => ({
  scale: n,
  size: { users: 1, events: 1, reports: 1 },
  alone: [
    run('baseline', 4000, 30, 0.2),
    ...Object.entries(p99s).map(([name, p99]) => run(name, 1000, p99)),
    run('baseline (again)', 2000, 60, 0.4),
  ],
  mixed: Object.entries(p99s).map(([name, p99]) => run(name, 300, p99 * 2)),
  paced: [],
  load: 0.5,
  busy: null,
  ratios: [{ name: 'detail', byRound: ratios }],
  rssMb: 300,
});

describe('the API benchmark report', () => {
  it('median: the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([0.4])).toBe(0.4);
  });

  it('baselineOf: the mean of the baseline runs, not of the endpoints', () => {
    const baseline = baselineOf(scale(1, { detail: 40 }, [0.4]));
    expect(baseline.rps).toBe(3000);
    expect(baseline.cpu).toBeCloseTo(0.3);
  });

  it('ratioOf: the median of the rounds; null for an endpoint not measured', () => {
    const r = scale(1, { detail: 40 }, [0.45, 0.31, 0.41]);
    expect(ratioOf(r, 'detail')).toBe(0.41);
    expect(ratioOf(r, 'queue')).toBeNull();
  });

  it('growthOf: each endpoint last scale over first, and the worst; under 1 ms counts as 1', () => {
    const first = scale(1, { detail: 40, queue: 200, tiny: 0 }, [0.4]);
    const last = scale(10, { detail: 44, queue: 300, tiny: 0 }, [0.4]);
    const alone = growthOf(first, last, 'alone');
    expect(alone.byEndpoint.map((g) => [g.name, +g.growth.toFixed(2)])).toEqual([
      ['detail', 1.1],
      ['queue', 1.5],
      ['tiny', 1],
    ]);
    expect(alone.worst).toBe(1.5);
    expect(growthOf(first, last, 'mixed').worst).toBe(1.5);
  });

  it("baselineDrift: the baseline's mean p99 at the last scale over the first", () => {
    const first = scale(1, { detail: 40 }, [0.4]); // baseline p99s 30 and 60: mean 45
    const last = scale(10, { detail: 44 }, [0.4]);
    last.alone = last.alone.map((m) => (m.name.startsWith('baseline') ? { ...m, p99: 90 } : m));
    expect(baselineDrift(first, last)).toBe(2);
    expect(baselineDrift(first, first)).toBe(1);
  });

  it('p99Against: the endpoints under and over the target, beside the baseline’s own', () => {
    const r = scale(1, { detail: 43, queue: 226, team: 50 }, [0.4]);
    expect(p99Against(r.alone, 50)).toEqual({
      baseline: [30, 60],
      under: ['detail'],
      over: ['queue', 'team'],
    });
  });

  it('formatTable: the paced runs with what they were offered and cost, and the target for both kinds', () => {
    const r = scale(1, { detail: 120, queue: 300 }, [0.4]);
    r.paced = [
      { ...run('baseline', 1500, 4), offered: 1500 },
      { ...run('detail', 500, 12), offered: 500 },
      { ...run('queue', 120, 75), offered: 125, hostBusy: 0.634 },
    ];
    const lines = formatTable(r).split('\n');
    expect(lines).toContain(
      'each alone again, offered 50% of what it sustained alone (its emails sent), at a constant rate:',
    );
    expect(lines.find((l) => l.startsWith('queue') && l.includes(' 125 '))).toMatch(
      /125 +120 +37.5 +75 +0\.50\+0\.50 +63%$/,
    );
    expect(lines).toContain(
      'p99 against the 50-ms target, each alone, as fast as it goes: baseline 30, 60 ms; ' +
        'under it: none; over it: detail, queue',
    );
    expect(lines).toContain(
      'p99 against the 50-ms target, each alone, offered 50% of what it sustained: baseline 4 ms; ' +
        'under it: detail; over it: queue',
    );
  });

  it('formatTable: paced runs at a load of the host say so, in their title and their target line', () => {
    const r = { ...scale(1, { detail: 120 }, [0.4]), busy: 0.55 };
    r.paced = [
      { ...run('baseline', 1500, 4), offered: 1500, hostBusy: 0.54 },
      { ...run('detail', 500, 12), offered: 500, hostBusy: 0.56 },
    ];
    const lines = formatTable(r).split('\n');
    expect(lines).toContain(
      'each alone again, at the constant rate that keeps the host about 55% busy (found by ' +
        'trying, at most what it sustained):',
    );
    expect(lines).toContain(
      'p99 against the 50-ms target, each alone, paced to keep the host 55% busy: baseline 4 ms; ' +
        'under it: detail; over it: none',
    );
  });
});
