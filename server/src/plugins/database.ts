import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DatabaseHandle } from '../db/connection.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle;
  }
}

/** Makes the open database available to routes. Whoever opened it closes it. */
async function database(app: FastifyInstance, opts: { handle: DatabaseHandle }) {
  app.decorate('database', opts.handle);
}

export default fp(database, { name: 'database' });
