// `npm run bench:api`: Steward's API under load, on PostgreSQL, at two dataset scales, against a
// bare Fastify baseline measured in the same run. docs/PERFORMANCE.md has the figures and the
// targets. Its last line: `api-bench: scales=… p99_growth=… detail/baseline=… list/baseline=…
// rss_mb=…`.
import { type Actors, signInActors } from './bench/actors.js';
import { parseOptions } from './bench/args.js';
import { datasetDatabase, datasetSize, vacuumChurned, waitForOutbox } from './bench/databases.js';
import { hostBusyDuring, withCpu } from './bench/cpu.js';
import { drivePaced, pacedConnections, rateForBusy } from './bench/paced.js';
import { buildSteward, startBaseline, startSteward, type Served } from './bench/processes.js';
import {
  baselineDrift,
  baselineOf,
  formatTable,
  growthOf,
  ratioOf,
  type ScaleResult,
} from './bench/report.js';
import {
  baselineEndpoint,
  drive,
  driveMixed,
  endpoints as allEndpoints,
  type Endpoint,
  type Measured,
} from './bench/workload.js';
import { GENERATED_PASSWORD } from './dataset/accounts.js';

const options = parseOptions(process.argv.slice(2));
/** The endpoints whose throughput the targets and the last line compare with the baseline's. */
const ratioEndpoints = ['detail', 'queue'];
const endpoints = allEndpoints.filter((e) => !options.only || options.only.includes(e.name));
buildSteward();

/**
 * Every endpoint alone at full concurrency, then all of them at once (the mixed run), then each
 * alone again at a load the host carries (the paced runs).
 */
async function measureScale(scale: number): Promise<ScaleResult> {
  const databaseUrl = await datasetDatabase(options.serverUrl, scale);
  const size = await datasetSize(databaseUrl);
  console.log(
    `\n== Scale ${scale}: ${size.users} users, ${size.events} events, ${size.reports} reports ==`,
  );
  const steward = await startSteward(databaseUrl, options.poolSize, options.workers);
  const baseline = await startBaseline(databaseUrl, options.poolSize, options.workers);
  let rssMb = 0;
  const sampler = setInterval(() => (rssMb = Math.max(rssMb, steward.rssMb())), 250);
  try {
    const actors: Actors = await signInActors(databaseUrl, steward.url, GENERATED_PASSWORD, 24);
    const ids = actors.responders.flatMap((a) => a.reportIds);
    const { connections, duration } = options;

    // Warm both servers (JIT, pools and each connection's prepared statements, caches) the same
    // way: every endpoint as it will be measured, for 2 s, so none is measured cold.
    await drive(baseline.url, baselineEndpoint(ids), actors, connections, 2);
    for (const endpoint of endpoints) {
      await drive(steward.url, endpoint, actors, connections, 2);
      await waitForOutbox(databaseUrl);
    }

    // Each endpoint alone, with the CPU it cost (server and database) per request.
    const splits: string[] = [];
    const measured = async (
      server: Served,
      endpoint: Endpoint,
      run = () => drive(server.url, endpoint, actors, connections, duration),
    ): Promise<Measured> => {
      const { result, serverMs, databaseMs, serverSplit, hostBusy } = await withCpu(
        databaseUrl,
        server.pid,
        run,
      );
      // The processes' shares are printed for the runs driven as fast as they go (not paced).
      if (server === steward && serverSplit.length > 1 && result.offered === undefined) {
        splits.push(`${endpoint.name} ${serverSplit.join('/')}`);
      }
      const per = (ms: number) => ms / Math.max(1, result.requests);
      return { ...result, cpu: { server: per(serverMs), database: per(databaseMs) }, hostBusy };
    };
    const alone: Measured[] = [await measured(baseline, baselineEndpoint(ids))];
    await waitForOutbox(databaseUrl);
    for (const endpoint of endpoints) {
      await vacuumChurned(databaseUrl);
      const run = await measured(steward, endpoint);
      // A submission's emails to its team are sent after it is answered: what the host sustains
      // counts the time their delivery took after the run.
      const deliverySeconds = await waitForOutbox(databaseUrl);
      alone.push({ ...run, sustained: run.requests / (duration + deliverySeconds) });
    }
    // The baseline again, after: ratios are taken against the mean of its two runs.
    alone.push({
      ...(await measured(baseline, baselineEndpoint(ids))),
      name: 'baseline (again)',
    });
    // The ratios of the targets again, in rounds of the baseline then the endpoint, so that one
    // busy moment of the host, during one run, does not decide them: the median is reported.
    const ratios = endpoints
      .filter((e) => ratioEndpoints.includes(e.name))
      .map((e) => ({
        endpoint: e,
        byRound: [alone.find((m) => m.name === e.name)!.rps / baselineOf({ alone }).rps],
      }));
    for (let round = 1; round < options.rounds; round++) {
      for (const ratio of ratios) {
        await waitForOutbox(databaseUrl);
        const base = await drive(
          baseline.url,
          baselineEndpoint(ids),
          actors,
          connections,
          duration,
        );
        const run = await drive(steward.url, ratio.endpoint, actors, connections, duration);
        ratio.byRound.push(run.rps / base.rps);
      }
    }
    await waitForOutbox(databaseUrl);
    await vacuumChurned(databaseUrl);
    // The mixed run: every actor at once, the connections shared out by each endpoint's share.
    const mixed = await driveMixed(
      steward.url,
      endpoints,
      actors,
      connections,
      options.mixedDuration,
    );
    // The paced runs: each endpoint alone on the same connections, offered a share (`--load`) of
    // the throughput it sustained alone. Driven as fast as it goes, 64 requests are always in
    // flight and a request waits about 64 over the throughput, whatever the code does; at a load
    // the host carries, the p99 is what a person waits. As long as the mixed run: at a few
    // hundred requests a second, a single stall of the host (100 ms) would make the p99 of a
    // shorter run.
    const paced: Measured[] = [];
    for (const endpoint of [baselineEndpoint(ids), ...endpoints]) {
      const rate =
        endpoint.name === 'baseline'
          ? baselineOf({ alone }).rps
          : alone.find((m) => m.name === endpoint.name)!.sustained!;
      await waitForOutbox(databaseUrl);
      await vacuumChurned(databaseUrl);
      const server = endpoint.name === 'baseline' ? baseline : steward;
      const kept = pacedConnections(connections);
      const pace = (seconds: number, offered: number) =>
        drivePaced(server.url, endpoint, actors, connections, seconds, offered, kept);
      // Two seconds at the same rate first, not counted: the server idled through the run
      // before, and the first moments after a pause are a figure of their own. The measured run
      // goes on the warm-up's connections: on new ones, its first requests waited for their
      // connections to open, up to a quarter of the slowest 1% of a run (eleventh round). With
      // --busy, the warm-up is the tries that find the rate, two seconds each.
      let offered = rate * options.load;
      if (options.busy === null) await pace(2, offered);
      else {
        const busyAt = async (r: number) => (await hostBusyDuring(() => pace(2, r))).hostBusy;
        offered = await rateForBusy(busyAt, offered, options.busy, rate, 3);
      }
      paced.push(await measured(server, endpoint, () => pace(options.mixedDuration, offered)));
      kept.destroy();
    }
    const failed = [...alone, ...mixed, ...paced].filter((m) => m.failures > 0);
    for (const m of failed) {
      console.error(`${m.name}: ${m.failures} failed requests, first: ${m.firstFailure}`);
    }
    if (failed.length > 0) throw new Error('requests failed: the figures would mean nothing');
    rssMb = Math.max(rssMb, steward.rssMb());
    const result: ScaleResult = {
      scale,
      size,
      alone,
      mixed,
      paced,
      load: options.load,
      busy: options.busy,
      ratios: ratios.map((r) => ({ name: r.endpoint.name, byRound: r.byRound })),
      rssMb,
    };
    console.log(formatTable(result));
    if (splits.length > 0) {
      console.log(`Steward's app processes' shares of its CPU, each alone: ${splits.join(', ')} %`);
    }
    return result;
  } finally {
    clearInterval(sampler);
    await steward.stop();
    await baseline.stop();
  }
}

if (options.workers > 1) {
  console.log(
    `Steward and the baseline run ${options.workers} processes each, each with its own pool of ` +
      `${options.poolSize} connections (--workers)`,
  );
}
const results: ScaleResult[] = [];
for (const scale of options.scales) results.push(await measureScale(scale));

const first = results[0]!;
const last = results.at(-1)!;
const ratio = (r: ScaleResult, name: string) => ratioOf(r, name)?.toFixed(2) ?? 'n/a';
// The mixed run is the workload the target speaks of; each endpoint alone shows the same growth
// without the others' noise (a p99 of a few hundred samples moves with whatever ran beside it).
const growth = growthOf(first, last, 'mixed');
for (const run of ['mixed', 'alone'] as const) {
  console.log(
    `${run === 'mixed' ? '\n' : ''}p99 growth from scale ${first.scale} to ${last.scale}, ` +
      `${run === 'mixed' ? 'mixed run' : 'each alone'}: ` +
      growthOf(first, last, run)
        .byEndpoint.map((g) => `${g.name} ${g.growth.toFixed(2)}×`)
        .join(', '),
  );
}
// The last line keeps the growth as measured; this says how much of it the host's own drift
// between the two scales' runs would explain.
const drift = baselineDrift(first, last);
console.log(
  `the baseline's own p99 moved ${drift.toFixed(2)}× between the two scales' runs (the host, ` +
    `not the data); the mixed run's growth over it: ` +
    growth.byEndpoint.map((g) => `${g.name} ${(g.growth / drift).toFixed(2)}×`).join(', '),
);
console.log(
  `api-bench: scales=${options.scales.join(',')} p99_growth=${growth.worst.toFixed(2)} ` +
    `detail/baseline=${ratio(last, 'detail')} list/baseline=${ratio(last, 'queue')} ` +
    `rss_mb=${Math.max(...results.map((r) => r.rssMb))}`,
);
