import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ping } from '../../db/connection.js';
import { migrationStatus } from '../../db/migrate.js';

const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: z.enum(['ok', 'unreachable']),
    migrations: z.enum(['current', 'pending', 'unknown']),
    /** Only with REDIS_URL: the rate limits count there, and sign-in refuses without them. */
    redis: z.enum(['ok', 'unreachable']).optional(),
  }),
});

/** Liveness and readiness probes for process managers and load balancers. */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'The process is alive',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database (and Redis, when configured) is reachable; migrations are current',
        response: { 200: readiness, 503: readiness },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      const reachable = await ping(app.database.db);
      const migrations = reachable
        ? (await migrationStatus(app.database.db)).current
          ? ('current' as const)
          : ('pending' as const)
        : ('unknown' as const);
      const redis = await app.rateLimiter.reachable();
      const ready = reachable && migrations === 'current' && redis !== false;
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        checks: {
          database: reachable ? 'ok' : 'unreachable',
          migrations,
          ...(redis === null ? {} : { redis: redis ? ('ok' as const) : ('unreachable' as const) }),
        },
      });
    },
  );
};

export default healthRoutes;
