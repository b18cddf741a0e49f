import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { NOTIFY_CHANNEL, NotificationHub } from '../modules/notifications/hub.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's live notification streams, woken by PostgreSQL NOTIFY from any process. */
    notificationHub: NotificationHub;
    /** Streams to end when the app closes (they would hold it open). */
    notificationStreams: Set<() => void>;
  }
}

/**
 * Listens on the notifications channel while the app runs: a NOTIFY from any app process on the
 * same database wakes the streams of the user it names. Closing ends every stream first.
 */
async function notificationsPlugin(app: FastifyInstance) {
  const hub = new NotificationHub();
  const streams = new Set<() => void>();
  app.decorate('notificationHub', hub);
  app.decorate('notificationStreams', streams);
  let stop: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stop = await app.database.listen(
      NOTIFY_CHANNEL,
      (userId) => hub.dispatch(userId),
      () => hub.dispatchAll(),
    );
  });
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
  app.addHook('onClose', async () => {
    // The database may already be gone (closed first, or lost): nothing is left to stop then.
    await stop?.().catch((err: unknown) => app.log.warn({ err }, 'stopping LISTEN failed'));
  });
}

export default fp(notificationsPlugin, { name: 'notifications', dependencies: ['database'] });
