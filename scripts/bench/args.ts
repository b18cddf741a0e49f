import { parseArgs } from 'node:util';

/** What `npm run bench:api -- …` was asked to do. */
export interface BenchOptions {
  /** Dataset scales to measure, in order; the first is the reference for growth. */
  scales: number[];
  /** Seconds each endpoint is driven alone. */
  duration: number;
  /**
   * Seconds of the mixed run: longer (three times `duration` unless given), since each endpoint
   * has only its share of the connections there, and so fewer samples for its p99.
   */
  mixedDuration: number;
  connections: number;
  /** A PostgreSQL server URL; each scale gets its own database there. */
  serverUrl: string;
  poolSize: number;
  /**
   * Processes of Steward (its WORKERS) and, alike, of the baseline: 1, as shipped by default, or
   * more to use more cores (docs/PERFORMANCE.md).
   */
  workers: number;
  /**
   * How many times the ratios of the targets (detail and queue against the baseline) are taken:
   * the runs alone are the first; each further round drives the baseline and then the endpoint
   * again. The median is reported.
   */
  rounds: number;
  /**
   * The offered load of the paced runs, as a fraction of the throughput each endpoint sustained
   * alone: there the p99 is a latency at a load the host carries, not a queue's length.
   */
  load: number;
  /**
   * When set, the paced runs are offered what keeps the host this busy (0–1), each endpoint's
   * rate found by trying, starting from `load` of what it sustained: every p99 is then read at
   * one load of the host, which half of each one's throughput is not (docs/PERFORMANCE.md).
   */
  busy: number | null;
  /** Only these endpoints (by name), for profiling one; every endpoint when absent. */
  only: string[] | null;
}

const usage = `Usage: npm run bench:api -- [--scales 1,10] [--duration 10] [--mixed-duration 30]
  [--connections 64] [--rounds 3] [--load 0.5] [--busy 0.55] [--database-url postgres://…]
  [--pool-size 10] [--workers 1] [--only detail,queue]

Runs Steward on PostgreSQL against generated datasets (databases steward_bench_scale_<n>, made
with the dataset generator when missing) and a bare Fastify baseline in the same run. With
--workers N, Steward runs N app processes (WORKERS=N) and the baseline N processes too.
The paced runs are offered --load of what each endpoint sustained; with --busy, instead, what
keeps the host that busy (a fraction of its cores), found by trying rates.
The server URL defaults to BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scales: { type: 'string', default: '1,10' },
      duration: { type: 'string', default: '10' },
      'mixed-duration': { type: 'string' },
      connections: { type: 'string', default: '64' },
      'database-url': { type: 'string' },
      'pool-size': { type: 'string', default: '10' },
      workers: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '3' },
      load: { type: 'string', default: '0.5' },
      busy: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const scales = values.scales.split(',').map(Number);
  const mixedDuration = Number(values['mixed-duration'] ?? 3 * Number(values.duration));
  const numbers = [
    ...scales,
    Number(values.duration),
    mixedDuration,
    Number(values.connections),
    Number(values.rounds),
    Number(values.load),
    Number(values.workers),
    Number(values.busy ?? 0.5),
  ];
  if (
    scales.length === 0 ||
    numbers.some((n) => !Number.isFinite(n) || n <= 0) ||
    !Number.isInteger(Number(values.workers)) ||
    Number(values.load) > 1 ||
    Number(values.busy ?? 0.5) >= 1
  ) {
    console.error(usage);
    process.exit(64);
  }
  return {
    scales,
    duration: Number(values.duration),
    mixedDuration,
    connections: Number(values.connections),
    serverUrl:
      values['database-url'] ??
      process.env.BENCH_DATABASE_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
    poolSize: Number(values['pool-size']),
    workers: Number(values.workers),
    rounds: Math.round(Number(values.rounds)),
    load: Number(values.load),
    busy: values.busy === undefined ? null : Number(values.busy),
    only: values.only ? values.only.split(',') : null,
  };
}
