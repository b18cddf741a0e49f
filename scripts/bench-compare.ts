// `npm run bench:compare -- <revision>`: one endpoint of this checkout against the same endpoint
// of another revision, both served at once on one dataset and driven in alternation, so that the
// host's slow and fast moments fall on both. On a shared host the throughput of one run moves by
// a third from one minute to the next; a change of a few percent shows only in paired rounds.
// Its last line: `bench-compare: endpoint=… against=… ratio=… cpu_ratio=…` (this checkout over
// the other revision: a ratio above 1 is faster, a cpu_ratio below 1 cheaper).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signInActors } from './bench/actors.js';
import { withCpu } from './bench/cpu.js';
import { datasetDatabase, vacuumChurned, waitForOutbox } from './bench/databases.js';
import { buildSteward, root, startSteward, type Served } from './bench/processes.js';
import { drive, driveMixed, endpoints } from './bench/workload.js';
import { GENERATED_PASSWORD } from './dataset/accounts.js';

const usage = `Usage: npm run bench:compare -- <revision> [--endpoint detail|mixed] [--rounds 12]
  [--seconds 4] [--connections 64] [--scale 1] [--database-url postgres://…]

Serves this checkout (built as it is, changes included) and <revision> (a commit, branch or tag,
built in a worktree under .bench-compare/) on one generated dataset, and drives the endpoint on
each in turn, round after round. Both revisions must have the same migrations.`;

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    endpoint: { type: 'string', default: 'detail' },
    rounds: { type: 'string', default: '12' },
    seconds: { type: 'string', default: '4' },
    connections: { type: 'string', default: '64' },
    scale: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
// `mixed`: every endpoint at once, as in bench:api's mixed run; its throughput is all of theirs.
const mixed = values.endpoint === 'mixed';
const single = endpoints.find((e) => e.name === values.endpoint);
const endpointName = values.endpoint;
const [rounds, seconds, connections, scale] = [
  values.rounds,
  values.seconds,
  values.connections,
  values.scale,
].map(Number) as [number, number, number, number];
if (
  values.help ||
  positionals.length !== 1 ||
  (!mixed && !single) ||
  [rounds, seconds, connections, scale].some((n) => !Number.isFinite(n) || n <= 0)
) {
  console.log(usage);
  if (!mixed && !single)
    console.log(`Endpoints: ${endpoints.map((e) => e.name).join(', ')}, mixed`);
  process.exit(values.help ? 0 : 64);
}

const git = (...args: string[]) => {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
};

/** A worktree of `revision` with this checkout's packages, built: its root. */
function checkout(revision: string): string {
  const commit = git('rev-parse', '--verify', `${revision}^{commit}`);
  const at = join(root, '.bench-compare', commit.slice(0, 12));
  if (!existsSync(at)) {
    mkdirSync(join(root, '.bench-compare'), { recursive: true });
    git('worktree', 'add', '--detach', at, commit);
  }
  // The same packages: the comparison is of Steward's code.
  if (!existsSync(join(at, 'node_modules'))) {
    symlinkSync(join(root, 'node_modules'), join(at, 'node_modules'), 'dir');
  }
  buildSteward(at);
  return at;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const against = positionals[0]!;
const otherRoot = checkout(against);
buildSteward();
const serverUrl =
  values['database-url'] ??
  process.env.BENCH_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = await datasetDatabase(serverUrl, scale);
const servers: Served[] = [];
try {
  const other = await startSteward(databaseUrl, 10, 1, otherRoot);
  servers.push(other);
  const here = await startSteward(databaseUrl, 10);
  servers.push(here);
  const actors = await signInActors(databaseUrl, here.url, GENERATED_PASSWORD, 24);
  const driven = (server: Served, duration: number) =>
    mixed
      ? driveMixed(server.url, endpoints, actors, connections, duration)
      : drive(server.url, single!, actors, connections, duration).then((m) => [m]);
  for (const server of servers) await driven(server, 2);

  const run = async (server: Served) => {
    await vacuumChurned(databaseUrl);
    const { result, serverMs, databaseMs } = await withCpu(databaseUrl, server.pid, () =>
      driven(server, seconds),
    );
    await waitForOutbox(databaseUrl);
    const failed = result.find((m) => m.failures > 0);
    if (failed) {
      throw new Error(`${failed.failures} failed requests; the first: ${failed.firstFailure}`);
    }
    const requests = result.reduce((sum, m) => sum + m.requests, 0);
    const rps = result.reduce((sum, m) => sum + m.rps, 0);
    const each = result.map((m) => `${m.name} ${m.rps.toFixed(0)}`).join(', ');
    return { rps, cpu: (serverMs + databaseMs) / Math.max(1, requests), each };
  };
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  console.log(
    `\n${endpointName}: this checkout against ${against}, ${rounds} rounds of ${seconds} s`,
  );
  console.log('round   other req/s  cpu ms   here req/s  cpu ms   here/other');
  for (let round = 1; round <= rounds; round++) {
    // Each goes first every other round: neither always follows the other's writes.
    const first = round % 2 ? other : here;
    const a = await run(first);
    const b = await run(first === other ? here : other);
    const [o, h] = first === other ? [a, b] : [b, a];
    ratios.push(h.rps / o.rps);
    cpuRatios.push(h.cpu / o.cpu);
    console.log(
      `${String(round).padStart(5)}   ${o.rps.toFixed(0).padStart(11)}  ${o.cpu.toFixed(3)}` +
        `   ${h.rps.toFixed(0).padStart(10)}  ${h.cpu.toFixed(3)}   ${(h.rps / o.rps).toFixed(3)}`,
    );
    // The mixed run's total hides a trade between endpoints: each one's requests a second too.
    if (mixed) console.log(`        other: ${o.each}\n        here:  ${h.each}`);
  }
  const faster = ratios.filter((r) => r > 1).length;
  console.log(`this checkout was faster in ${faster} rounds of ${rounds}`);
  console.log(
    `bench-compare: endpoint=${endpointName} against=${against} ` +
      `ratio=${median(ratios).toFixed(3)} cpu_ratio=${median(cpuRatios).toFixed(3)}`,
  );
} finally {
  for (const server of servers) await server.stop();
  git('worktree', 'remove', '--force', otherRoot);
}
