import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Reports of incident reports. */
const reportsRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async () => {};

export default reportsRoutes;
