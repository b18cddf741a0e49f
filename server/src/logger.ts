import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * A request as log lines show it: by its path, never its query, since search words (`?q=`) and
 * file names (`?name=`) may quote an incident report. No path carries a credential: tokens
 * travel in request bodies.
 */
export const serializeRequest = (req: { method?: string; url?: string; ip?: string }) => ({
  method: req.method,
  url: (req.url ?? '').split('?')[0],
  remoteAddress: req.ip,
});

/** Structured logs: JSON in production (one object a line), readable lines in development. */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  return pino({
    level: config.logLevel,
    // Credentials must never reach a log line, even at trace level.
    redact: [
      'req.headers.cookie',
      'req.headers.authorization',
      'req.headers["x-follow-up-token"]',
      'res.headers["set-cookie"]',
    ],
    serializers: { req: serializeRequest },
    ...(config.logFormat === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname', singleLine: true },
          },
        }
      : {}),
  });
}
