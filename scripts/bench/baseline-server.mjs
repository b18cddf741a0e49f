// The benchmark's baseline: a bare Fastify route doing one indexed PostgreSQL query (a report by
// its primary key), with the same pool size as Steward. Nothing else: no session, no permission
// check, no logging. Whatever Steward spends beyond this is the cost of being Steward.
// Started by scripts/bench-api.ts as its own process: DATABASE_URL, PORT, DATABASE_POOL_SIZE, and
// WORKERS, the number of processes, as Steward's (its app processes accepting from one socket).
import cluster from 'node:cluster';
import Fastify from 'fastify';
import pg from 'pg';

const workers = Number(process.env.WORKERS ?? 1);
if (cluster.isPrimary && workers > 1) {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  for (let i = 0; i < workers; i++) cluster.fork();
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  cluster.on('exit', (_worker, code) => {
    // A process that fails, at start or during a run, fails the baseline: its figures would be
    // those of fewer processes than asked for.
    if (!stopping) {
      stop();
      process.exitCode = code || 1;
    }
    if (Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead())) process.exit();
  });
} else {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  const app = Fastify({ logger: false });

  app.get('/baseline/reports/:id', async (request, reply) => {
    const { rows } = await pool.query(
      'SELECT id, event_id, number, title, state, submitted_at FROM reports WHERE id = $1',
      [request.params.id],
    );
    if (rows.length === 0) return reply.code(404).send({ error: 'not found' });
    return rows[0];
  });

  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
  console.log('baseline ready');
}
