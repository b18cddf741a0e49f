import type { Measured } from './workload.js';

export interface ScaleResult {
  scale: number;
  size: { users: number; events: number; reports: number };
  /** The baseline first, then each endpoint driven alone with every connection. */
  alone: Measured[];
  /** Each endpoint's share of the mixed run. */
  mixed: Measured[];
  /**
   * The baseline, then each endpoint alone again, offered `load` of what it sustained alone (its
   * throughput, counting the delivery of the emails it queued).
   */
  paced: Measured[];
  /** The fraction of what each endpoint sustained alone that its paced run was offered. */
  load: number;
  /** Instead, when set: how busy (0–1) the rates the paced runs were offered kept the host. */
  busy: number | null;
  /**
   * The ratios of the targets, round by round: the first from the runs alone (against the mean
   * of the baseline's two), each further one from the baseline and the endpoint driven again,
   * one after the other.
   */
  ratios: { name: string; byRound: number[] }[];
  /** The Steward process's largest resident memory during the scale's runs. */
  rssMb: number;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

const cpuOf = (m: Measured) => (m.cpu ? m.cpu.server + m.cpu.database : NaN);
/** A run's CPU per request as printed: the server's + the database's, in ms. */
const cpuText = (m: Measured) =>
  m.cpu ? `${m.cpu.server.toFixed(2)}+${m.cpu.database.toFixed(2)}` : '—';

/**
 * The baseline every ratio is taken against: the mean of its runs (one before Steward's
 * endpoints and one after), so that a neighbour busy during one of them moves the ratios less.
 */
export function baselineOf(r: Pick<ScaleResult, 'alone'>): { rps: number; cpu: number } {
  const runs = r.alone.filter((m) => m.name.startsWith('baseline'));
  const mean = (f: (m: Measured) => number) => runs.reduce((t, m) => t + f(m), 0) / runs.length;
  return { rps: mean((m) => m.rps), cpu: mean(cpuOf) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of an endpoint's ratios to the baseline over the rounds; null if not measured. */
export function ratioOf(r: ScaleResult, name: string): number | null {
  const ratio = r.ratios.find((x) => x.name === name);
  return ratio ? median(ratio.byRound) : null;
}

/** The figures of one scale: each endpoint alone (with its ratio to the baseline) and mixed. */
export function formatTable(r: ScaleResult): string {
  const baseline = baselineOf(r);
  const lines = [
    `endpoint      alone: req/s   p50 ms  p99 ms  ×baseline  cpu ms/req (server+db)  ×baseline` +
      ` | mixed: req/s   p50 ms  p99 ms`,
  ];
  for (const m of r.alone) {
    const mix = r.mixed.find((x) => x.name === m.name);
    const cpu = cpuText(m);
    lines.push(
      `${m.name.padEnd(12)} ${pad(Math.round(m.rps), 13)} ${pad(m.p50, 8)} ${pad(m.p99, 7)} ` +
        `${pad((m.rps / baseline.rps).toFixed(2), 10)} ${pad(cpu, 23)} ` +
        `${pad((cpuOf(m) / baseline.cpu).toFixed(1), 10)} | ` +
        (mix ? `${pad(Math.round(mix.rps), 12)} ${pad(mix.p50, 8)} ${pad(mix.p99, 7)}` : '—'),
    );
  }
  for (const { name, byRound } of r.ratios) {
    lines.push(
      `${name}/baseline by round: ${byRound.map((x) => x.toFixed(2)).join(' ')}` +
        ` (median ${median(byRound).toFixed(2)})`,
    );
  }
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  const pacedHow =
    r.busy === null
      ? `offered ${percent(r.load)} of what it sustained`
      : `paced to keep the host ${percent(r.busy)} busy`;
  lines.push(
    r.busy === null
      ? `each alone again, offered ${percent(r.load)} of what it sustained alone (its emails ` +
          `sent), at a constant rate:`
      : `each alone again, at the constant rate that keeps the host about ${percent(r.busy)} ` +
          `busy (found by trying, at most what it sustained):`,
    // What each request cost and how busy the host was, beside the latency: a request that
    // arrives alone costs more than one of many in flight, so half the throughput is not half
    // the host (docs/PERFORMANCE.md, tenth round).
    `endpoint      offered req/s   req/s   p50 ms  p99 ms  cpu ms/req (server+db)  host busy`,
  );
  for (const m of r.paced) {
    const cpu = cpuText(m);
    const busy = m.hostBusy === undefined ? '—' : `${Math.round(m.hostBusy * 100)}%`;
    lines.push(
      `${m.name.padEnd(12)} ${pad(Math.round(m.offered ?? NaN), 15)} ${pad(Math.round(m.rps), 7)} ` +
        `${pad(m.p50, 8)} ${pad(m.p99, 7)} ${pad(cpu, 23)} ${pad(busy, 10)}`,
    );
  }
  for (const [runs, how] of [
    [r.alone, 'each alone, as fast as it goes'],
    [r.paced, `each alone, ${pacedHow}`],
  ] as const) {
    const p99 = p99Against(runs, P99_TARGET_MS);
    lines.push(
      `p99 against the ${P99_TARGET_MS}-ms target, ${how}: baseline ${p99.baseline.join(', ')} ms; ` +
        `under it: ${p99.under.join(', ') || 'none'}; over it: ${p99.over.join(', ') || 'none'}`,
    );
  }
  lines.push(`Steward's RSS: ${r.rssMb} MB at most`);
  return lines.join('\n');
}

/** The latency target: p99 under 50 ms at the run's connections, every endpoint. */
export const P99_TARGET_MS = 50;

/**
 * Which endpoints of some runs kept their p99 under `targetMs`; and the baseline's own p99s,
 * the floor any endpoint of this host can reach in such runs.
 */
export function p99Against(runs: readonly Measured[], targetMs: number) {
  const endpoints = runs.filter((m) => !m.name.startsWith('baseline'));
  return {
    baseline: runs.filter((m) => m.name.startsWith('baseline')).map((m) => m.p99),
    under: endpoints.filter((m) => m.p99 < targetMs).map((m) => m.name),
    over: endpoints.filter((m) => m.p99 >= targetMs).map((m) => m.name),
  };
}

/**
 * How p99 grew from the first scale to the last, per endpoint, in the mixed run or in the runs
 * of each endpoint alone; and the worst. A p99 under 1 ms reads as 1 ms, so a rounding step is
 * not taken for growth.
 */
export function growthOf(first: ScaleResult, last: ScaleResult, run: 'mixed' | 'alone') {
  const endpoints = (r: ScaleResult) =>
    run === 'mixed' ? r.mixed : r.alone.filter((m) => !m.name.startsWith('baseline'));
  const byEndpoint = endpoints(last).map((m) => {
    const before = endpoints(first).find((x) => x.name === m.name)!;
    return { name: m.name, growth: Math.max(m.p99, 1) / Math.max(before.p99, 1) };
  });
  return { byEndpoint, worst: Math.max(...byEndpoint.map((g) => g.growth)) };
}

/**
 * How the baseline's own p99 (the mean of its two runs alone) moved from the first scale to the
 * last. Its one primary-key read costs the same on either dataset, so this is the host's drift
 * between the two scales' runs, minutes apart: an endpoint's growth over it is the data's part.
 */
export function baselineDrift(first: ScaleResult, last: ScaleResult): number {
  const p99 = (r: ScaleResult) => {
    const runs = r.alone.filter((m) => m.name.startsWith('baseline'));
    return Math.max(1, runs.reduce((sum, m) => sum + m.p99, 0) / runs.length);
  };
  return p99(last) / p99(first);
}
