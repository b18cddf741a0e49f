import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Fields (as `querystring.name`) where a route cleans NUL characters itself. */
    nulAllowedIn?: readonly string[];
  }
}

/** The first place in a value holding a NUL character, as a dotted path; null if none. */
function nulAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulAt(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, v] of Object.entries(value)) {
      const found = nulAt(v, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses text with NUL characters before anything reads it: PostgreSQL cannot store them, and
 * the answer should name the field rather than fail later.
 */
async function inputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const allowed = request.routeOptions.config.nulAllowedIn ?? [];
    for (const [part, value] of [
      ['body', request.body],
      ['querystring', request.query],
      ['params', request.params],
    ] as const) {
      const field = nulAt(value, part);
      if (field && !allowed.includes(field)) {
        throw new AppError('validation_failed', 'Text cannot contain NUL characters.', [
          { field, message: 'Remove the NUL character' },
        ]);
      }
    }
  });
}

export default fp(inputGuard, { name: 'input-guard' });
