import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ActorFacts } from '@steward/permissions';
import { recordAudit } from '../../audit/record.js';
import { loadActorFacts } from '../../authz/facts.js';
import { isUuid } from '../../db/inputs.js';
import type { Executor } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { notificationKindNames, notificationKinds } from './kinds.js';
import * as repo from './repository.js';
import * as schema from './schema.js';
import { signalUser } from './hub.js';
import { visibleTo } from './service.js';

/** How often an open stream sends a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 25_000;
/** How long one stream lasts before the browser opens a new one (and its session is checked). */
const STREAM_LIFETIME_MS = 15 * 60_000;
/** Open streams one person may have in one process (tabs, devices); more are refused. */
const STREAMS_PER_USER = 10;

type Row = Awaited<ReturnType<typeof repo.page>>['items'][number];

function present({ notification: n, eventName, actorName }: Row) {
  return {
    id: n.id,
    kind: n.kind as (typeof notificationKindNames)[number],
    title: n.title,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
    event: n.eventId && eventName ? { id: n.eventId, name: eventName } : null,
    actor: n.actorId && actorName ? { id: n.actorId, name: actorName } : null,
  };
}

/** The unread count and the newest notification the person may still see. */
async function summary(db: Executor, userId: string, facts: ActorFacts) {
  const visible = visibleTo(facts);
  const [unread, latest] = await Promise.all([
    repo.unreadCount(db, userId, visible),
    repo.page(db, userId, visible, { unreadOnly: false, page: 1, pageSize: 1 }),
  ]);
  return { unread, latest: latest.items[0] ? present(latest.items[0]) : null };
}

/** The in-app notification center and each person's notification preferences. */
const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get('/api/notifications', { schema: schema.getNotifications }, async (request) => {
    const actor = await request.requireActor();
    const { page, pageSize, unread } = request.query;
    const visible = visibleTo(actor.facts);
    const [result, count] = await Promise.all([
      repo.page(db, actor.user.id, visible, { unreadOnly: unread === 'true', page, pageSize }),
      repo.unreadCount(db, actor.user.id, visible),
    ]);
    return { items: result.items.map(present), total: result.total, page, pageSize, unread: count };
  });

  app.get('/api/notifications/unread-count', { schema: schema.getUnreadCount }, async (request) => {
    const actor = await request.requireActor();
    return { unread: await repo.unreadCount(db, actor.user.id, visibleTo(actor.facts)) };
  });

  app.post(
    '/api/notifications/:notificationId/read',
    { schema: schema.postRead },
    async (request) => {
      const actor = await request.requireActor();
      const { notificationId } = request.params;
      const notFound = () => new AppError('not_found', 'No such notification.');
      if (!isUuid(notificationId)) throw notFound();
      const visible = visibleTo(actor.facts);
      await db.transaction(async (tx) => {
        if (await repo.markRead(tx, actor.user.id, notificationId))
          await signalUser(tx, actor.user.id);
      });
      const { items } = await repo.page(db, actor.user.id, visible, {
        unreadOnly: false,
        page: 1,
        pageSize: 100,
      });
      const row = items.find((i) => i.notification.id === notificationId);
      if (!row) throw notFound();
      app.notificationHub.dispatch(actor.user.id);
      return { notification: present(row) };
    },
  );

  app.post('/api/notifications/read-all', { schema: schema.postReadAll }, async (request) => {
    const actor = await request.requireActor();
    await db.transaction(async (tx) => {
      if (await repo.markRead(tx, actor.user.id)) await signalUser(tx, actor.user.id);
    });
    return { unread: 0 as const };
  });

  app.get('/api/notifications/stream', { schema: schema.getStream }, async (request, reply) => {
    const actor = await request.requireActor();
    const userId = actor.user.id;
    if (app.notificationHub.listenersOf(userId) >= STREAMS_PER_USER) {
      throw new AppError('rate_limited', 'Too many open notification streams; close a tab.');
    }
    // Headers set before the handler (a rotated session's cookie, security headers, the request
    // id) are written here by hand: a hijacked reply sends none of them itself. Without the
    // cookie, a stream that was the first read after a change of roles would sign its person out.
    const earlier = Object.fromEntries(
      Object.entries(reply.getHeaders()).filter(([, v]) => v !== undefined),
    ) as Record<string, string | number | string[]>;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...earlier,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    let sending = Promise.resolve();
    let open = true;
    // Each wake-up reads what the person may see now; sends are kept in order.
    const send = () => {
      sending = sending
        .then(async () => {
          if (!open) return;
          // The session and the facts are read again each time: a sign-out, a deactivation or a
          // role removed while the stream is open counts at once.
          const user = await request.freshSessionUser();
          if (!user || user.id !== userId) return end();
          const data = await summary(db, userId, await loadActorFacts(db, userId));
          if (open) raw.write(`event: unread\ndata: ${JSON.stringify(data)}\n\n`);
        })
        .catch((err: unknown) => request.log.warn({ err }, 'a notification stream update failed'));
    };
    const unsubscribe = app.notificationHub.subscribe(userId, send);
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    // A stream lasts a while, then ends: the browser reconnects, and signs in again, by itself.
    const lifetime = setTimeout(() => end(), STREAM_LIFETIME_MS);
    const end = () => {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      unsubscribe();
      app.notificationStreams.delete(end);
      raw.end();
    };
    app.notificationStreams.add(end);
    request.raw.on('close', end);
    send();
  });

  app.get(
    '/api/account/notification-preferences',
    { schema: schema.getPreferences },
    async (request) => {
      const actor = await request.requireActor();
      return { items: await preferences(db, actor.user.id) };
    },
  );

  app.put(
    '/api/account/notification-preferences',
    { schema: schema.putPreferences },
    async (request) => {
      const actor = await request.requireActor();
      const userId = actor.user.id;
      await db.transaction(async (tx) => {
        const before = await preferences(tx, userId);
        const items = request.body.items.map((i) => ({
          ...i,
          // An invitation's email is the invitation itself.
          email: notificationKinds[i.kind].emailLocked ? true : i.email,
        }));
        await repo.savePreferences(tx, userId, items);
        await recordAudit(
          tx,
          { actor: { userId }, origin: request.origin() },
          {
            scope: { type: 'system' },
            action: 'account.notification_preferences.update',
            target: { type: 'user', id: userId },
            before: Object.fromEntries(
              before.map((p) => [p.kind, { inApp: p.inApp, email: p.email }]),
            ),
            after: Object.fromEntries(
              items.map((p) => [p.kind, { inApp: p.inApp, email: p.email }]),
            ),
          },
        );
      });
      return { items: await preferences(db, userId) };
    },
  );
};

/** Every kind with the person's choice, or its default. */
async function preferences(db: Executor, userId: string) {
  const saved = new Map((await repo.preferencesOf(db, [userId])).map((p) => [p.kind, p]));
  return notificationKindNames.map((kind) => {
    const d = notificationKinds[kind];
    const p = saved.get(kind);
    return {
      kind,
      label: d.label,
      description: d.description,
      inApp: p?.inApp ?? d.inApp,
      email: d.emailLocked ? true : (p?.email ?? d.email),
      emailLocked: d.emailLocked,
    };
  });
}

export default notificationRoutes;
