import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import webhookRoutes from '../modules/webhooks/routes.js';
import { urlPolicyFor } from '../modules/webhooks/url-policy.js';
import { startWebhookWorker, type WebhookWorker } from '../modules/webhooks/worker.js';

export interface WebhooksPluginOptions {
  config: Pick<Config, 'env' | 'publicUrl' | 'webhooks'>;
}

/**
 * Per-event webhooks: their routes, and the delivery worker's lifecycle — started when the app
 * is ready, stopped (finishing the sends in progress) when it closes, before the database is.
 */
async function webhooksPlugin(app: FastifyInstance, opts: WebhooksPluginOptions) {
  const { publicUrl, webhooks } = opts.config;
  const policy = urlPolicyFor(webhooks);
  await app.register(webhookRoutes, { policy });

  let worker: WebhookWorker | undefined;
  app.addHook('onReady', async () => {
    worker = startWebhookWorker(app.database.db, {
      publicUrl,
      policy,
      timeoutMs: webhooks.timeoutMs,
      retry: {
        maxAttempts: webhooks.maxAttempts,
        baseDelayMs: webhooks.retryBaseMs,
        maxDelayMs: webhooks.retryMaxMs,
      },
      pollMs: webhooks.pollMs,
      log: app.log,
    });
  });
  app.addHook('onClose', async () => {
    await worker?.stop();
  });
}

export default fp(webhooksPlugin, { name: 'webhooks', dependencies: ['database'] });
