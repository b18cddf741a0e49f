import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Evidence of incident reports. */
const evidenceRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async () => {};

export default evidenceRoutes;
