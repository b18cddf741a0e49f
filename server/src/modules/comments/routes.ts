import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Comments of incident reports. */
const commentsRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async () => {};

export default commentsRoutes;
