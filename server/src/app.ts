import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/connection.js';
import { createAuth } from './auth/better-auth.js';
import { resolveAuthSecret } from './auth/secret.js';
import { webDistFolder } from './paths.js';
import errorHandler, { internalMessage, sendError } from './plugins/error-handler.js';
import requestContext from './plugins/request-context.js';
import security from './plugins/security.js';
import database from './plugins/database.js';
import rateLimit from './plugins/rate-limit.js';
import authPlugin from './plugins/auth.js';
import openapi from './plugins/openapi.js';
import webApp from './plugins/web-app.js';
import email, { type EmailPluginOptions } from './plugins/email.js';
import healthRoutes from './modules/health/routes.js';
import setupRoutes from './modules/setup/routes.js';
import authRoutes from './modules/auth/routes.js';
import accountRoutes from './modules/account/routes.js';
import emailRoutes from './modules/email/routes.js';
import adminRoutes from './modules/admin/routes.js';
import organizationRoutes from './modules/organizations/routes.js';
import chapterRoutes from './modules/chapters/routes.js';
import regionRoutes from './modules/regions/routes.js';
import locationRoutes from './modules/locations/routes.js';
import eventRoutes from './modules/events/routes.js';
import attendeeRoutes from './modules/attendees/routes.js';
import checkinRoutes from './modules/checkin/routes.js';
import listingRoutes from './modules/listings/routes.js';
import invitationRoutes from './modules/invitations/routes.js';
import teamRoutes from './modules/teams/routes.js';
import reportRoutes from './modules/reports/routes.js';
import rsvpRoutes from './modules/rsvps/routes.js';
import sessionRoutes from './modules/sessions/routes.js';
import notificationRoutes from './modules/notifications/routes.js';
import notifications from './plugins/notifications.js';
import inputGuard from './plugins/input-guard.js';
import commentRoutes from './modules/comments/routes.js';
import evidenceRoutes from './modules/evidence/routes.js';
import auditLogRoutes from './modules/audit-log/routes.js';
import retentionRoutes from './modules/retention/routes.js';
import webhooks from './plugins/webhooks.js';

export interface BuildOptions {
  config: Config;
  database: DatabaseHandle;
  /** The configured logger (main.ts); tests leave it out and log nothing. */
  logger?: FastifyBaseLogger;
  /** Where the built web app lives; tests may point elsewhere. */
  webRoot?: string;
  /** Email transport and worker; tests pass their own transport or turn the worker off. */
  email?: Omit<EmailPluginOptions, 'config'>;
}

// A request id from a trusted proxy is kept so one id follows the request through the stack.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the whole application, wired but not listening. Tests and main.ts both use it. */
export async function buildApp({
  config,
  database: handle,
  logger,
  webRoot,
  email: emailOptions,
}: BuildOptions) {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // Fastify takes a hop count too, though its types omit it.
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: config.bodyLimit,
    genReqId(req) {
      const given = req.headers['x-request-id'];
      if (config.trustProxy && typeof given === 'string' && REQUEST_ID.test(given)) return given;
      return randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // The router refuses some addresses before any route or hook runs: an escape that does not
    // decode (`/api/events/%zz`), a path parameter longer than maxParamLength (100; no id is that
    // long, so nothing is there). They get the one error body too, with the request id header
    // that the onRequest hook would have set.
    frameworkErrors(error, request, reply) {
      reply.header('x-request-id', request.id);
      if (error.code === 'FST_ERR_BAD_URL') {
        return sendError(request, reply, 'bad_request', 400, 'The address is not valid.');
      }
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return sendError(request, reply, 'not_found', 404, 'Nothing is at this address.');
      }
      // An async route constraint failed; Steward declares none, so this is a server fault.
      request.log.error({ err: error }, 'the router failed');
      return sendError(request, reply, 'internal_error', 500, internalMessage);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorHandler);
  await app.register(requestContext);
  await app.register(inputGuard);
  await app.register(security, { publicUrl: config.publicUrl });
  await app.register(database, { handle });
  await app.register(rateLimit, { policies: config.rateLimits, redisUrl: config.redisUrl });
  const secret = await resolveAuthSecret(handle.db, config.authSecret);
  await app.register(authPlugin, {
    auth: createAuth({ db: handle.db, secret, publicUrl: config.publicUrl }),
  });
  await app.register(email, { config, ...emailOptions });
  await app.register(notifications);
  await app.register(openapi);

  await app.register(healthRoutes);
  await app.register(setupRoutes);
  await app.register(authRoutes, { publicUrl: config.publicUrl });
  await app.register(accountRoutes, { publicUrl: config.publicUrl });
  await app.register(emailRoutes);
  await app.register(adminRoutes);
  await app.register(organizationRoutes, { publicUrl: config.publicUrl });
  await app.register(chapterRoutes);
  await app.register(regionRoutes);
  await app.register(locationRoutes);
  await app.register(eventRoutes, { publicUrl: config.publicUrl });
  await app.register(attendeeRoutes, { publicUrl: config.publicUrl });
  await app.register(checkinRoutes);
  await app.register(listingRoutes, { publicUrl: config.publicUrl });
  await app.register(invitationRoutes);
  await app.register(teamRoutes, { publicUrl: config.publicUrl });
  await app.register(reportRoutes, { publicUrl: config.publicUrl });
  await app.register(rsvpRoutes, { publicUrl: config.publicUrl });
  await app.register(sessionRoutes);
  await app.register(notificationRoutes);
  await app.register(commentRoutes, { publicUrl: config.publicUrl });
  await app.register(evidenceRoutes, {
    publicUrl: config.publicUrl,
    evidenceMaxBytes: config.evidenceMaxBytes,
  });
  await app.register(webhooks, { config });

  await app.register(auditLogRoutes);
  await app.register(retentionRoutes, { intervalHours: config.retentionPurgeIntervalHours });

  await app.register(webApp, { root: webRoot ?? webDistFolder });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
