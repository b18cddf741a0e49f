import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as schema from './schema.js';
import * as service from './service.js';

/** Public listings of upcoming events, their regions, and each event's calendar feed. */
const listingRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const db = app.database.db;

  app.get('/api/public/events', { schema: schema.getPublicEvents }, async (request) => {
    const { items, total } = await service.listPublicEvents(db, request.query);
    return { items, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/public/regions', { schema: schema.getPublicRegions }, async () => ({
    items: await service.publicRegions(db),
  }));

  app.get(
    '/api/public/events/:slug/calendar.ics',
    { schema: schema.getCalendar },
    async (request, reply) => {
      const { slug, feed } = await service.eventCalendar(db, request.params.slug, opts.publicUrl);
      return (
        reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `inline; filename="${slug}.ics"`)
          // Calendars poll; an event flagged as spam or suspended must leave them at the next poll.
          .header('cache-control', 'no-cache')
          .send(feed)
      );
    },
  );
};

export default listingRoutes;
