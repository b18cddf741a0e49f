import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { transportFromConfig, type MailTransport } from '../modules/email/transport.js';
import { startEmailWorker, type EmailWorker, type WorkerOptions } from '../modules/email/worker.js';
import { isFirstProcess } from '../cluster.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where mail goes (SMTP or the development outbox). Services enqueue; the worker sends. */
    email: { transport: MailTransport };
  }
}

export interface EmailPluginOptions {
  config: Pick<Config, 'env' | 'smtpUrl' | 'mailFrom'>;
  /** A transport of one's own (tests); by default SMTP when configured, else the log. */
  transport?: MailTransport;
  /** Worker timing, or `false` for no background worker (tests call deliverDue themselves). */
  worker?: WorkerOptions | false;
}

/**
 * The email delivery worker's lifecycle: it starts when the app is ready and stops, waiting for a
 * send in progress, when the app closes (before main.ts closes the database).
 */
async function emailPlugin(app: FastifyInstance, opts: EmailPluginOptions) {
  const transport = opts.transport ?? transportFromConfig(opts.config, app.log);
  app.decorate('email', { transport });

  let worker: EmailWorker | undefined;
  app.addHook('onReady', async () => {
    // Said once per installation start, not once per app process (WORKERS).
    if (transport.via === 'log' && opts.config.env === 'production' && isFirstProcess()) {
      app.log.warn(
        'SMTP_URL is not set: email is not sent. Messages only go to the development outbox ' +
          '(the log, and Administration → Outbox for system admins). Set SMTP_URL to send email.',
      );
    }
    if (opts.worker !== false) {
      worker = startEmailWorker(app.database.db, transport, { log: app.log, ...opts.worker });
    }
  });
  app.addHook('onClose', async () => {
    await worker?.stop();
    transport.close();
  });
}

export default fp(emailPlugin, { name: 'email', dependencies: ['database'] });
