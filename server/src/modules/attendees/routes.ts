import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RequestActor } from '../../authz/actor.js';
import { AppError } from '../../errors.js';
import { limitKey } from '../../rate-limit/limiter.js';
import { eventAllowing } from '../events/service.js';
import * as schema from './schema.js';
import * as service from './service.js';

/**
 * How many messages one person may send to attendees, over all events: each one may email
 * hundreds of people, so a stolen session or a slip of the finger must not flood their mailboxes.
 */
export const MESSAGE_LIMIT = { limit: 10, windowMs: 60 * 60 * 1000 };

/** An event's attendee list, its checkiners and the messages sent to its people. */
const attendeeRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;
  const publicUrl = opts.publicUrl;
  const ctxOf = (request: FastifyRequest, actor: RequestActor) => ({
    actor: { userId: actor.user.id },
    origin: request.origin(),
  });

  async function allowed(
    request: FastifyRequest,
    eventId: string,
    action: Parameters<typeof eventAllowing>[3],
  ) {
    const actor = await request.requireActor();
    const { resource } = await eventAllowing(db, actor, eventId, action);
    return { actor, resource };
  }

  /**
   * Counts one message against the sender's limit (429 with Retry-After beyond it) and returns a
   * way to take the hit back: only messages that go out count. A refund that fails leaves one
   * hit too many, which is better than hiding the error of the send.
   */
  async function countMessage(actor: RequestActor, reply: FastifyReply) {
    const key = limitKey('eventMessage', 'actor', actor.user.id);
    const result = await app.rateLimiter.hit(key, MESSAGE_LIMIT).catch(() => {
      throw new AppError(
        'service_unavailable',
        'Steward cannot take this request right now. Try again in a minute.',
      );
    });
    const refund = () => app.rateLimiter.refund(key).catch(() => undefined);
    if (!result.allowed) {
      await refund();
      reply.header('retry-after', String(result.retryAfterSeconds));
      throw new AppError(
        'rate_limited',
        'You have sent many messages in the last hour. Try again later.',
      );
    }
    return refund;
  }

  app.get('/api/events/:eventId/attendees', { schema: schema.getAttendees }, async (request) => {
    const { eventId } = request.params;
    const { resource } = await allowed(request, eventId, 'event.attendees.view');
    return service.listAttendees(db, resource, request.query);
  });

  app.put(
    '/api/events/:eventId/checkiners/:userId',
    { schema: schema.putCheckiner },
    async (request) => {
      const { eventId, userId } = request.params;
      const { actor } = await allowed(request, eventId, 'event.checkiners.assign');
      const attendee = await service.setCheckiner(
        db,
        ctxOf(request, actor),
        actor.facts,
        eventId,
        userId,
        request.body,
        publicUrl,
      );
      return { attendee };
    },
  );

  app.delete(
    '/api/events/:eventId/checkiners/:userId',
    { schema: schema.deleteCheckiner },
    async (request) => {
      const { eventId, userId } = request.params;
      const { actor } = await allowed(request, eventId, 'event.checkiners.assign');
      const attendee = await service.removeCheckiner(
        db,
        ctxOf(request, actor),
        actor.facts,
        eventId,
        userId,
        request.body.reason ?? null,
        publicUrl,
      );
      return { attendee };
    },
  );

  app.get('/api/events/:eventId/messages', { schema: schema.getMessages }, async (request) => {
    const { eventId } = request.params;
    await allowed(request, eventId, 'event.attendees.view');
    return service.listMessages(db, eventId, request.query);
  });

  app.post(
    '/api/events/:eventId/messages',
    { schema: schema.postMessage },
    async (request, reply) => {
      const { eventId } = request.params;
      const { actor } = await allowed(request, eventId, 'event.attendees.message');
      const refund = await countMessage(actor, reply);
      const message = await service
        .sendMessage(db, ctxOf(request, actor), actor, eventId, request.body, publicUrl)
        .catch(async (error: unknown) => {
          // Refused (nobody in the audience, the event changed meanwhile): nothing went out.
          await refund();
          throw error;
        });
      return reply.code(201).send({ message });
    },
  );
};

export default attendeeRoutes;
