import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Fields (as `querystring.name`) where a route cleans NUL characters itself. */
    nulAllowedIn?: readonly string[];
  }
}

/** Deeper nesting than any Steward request has is refused rather than walked. */
const MAX_DEPTH = 32;

/**
 * A UTF-16 surrogate without its pair: JSON can carry one (`"\udfff"`), UTF-8 cannot. Text
 * columns would store it as U+FFFD and jsonb refuses it (the audit entry of a change, a 500), so
 * it is refused here like NUL.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The first place in a value holding a NUL character, as a dotted path (or one holding a lone
 * surrogate, as `{ surrogate: path }`); `too_deep` when the value nests deeper than MAX_DEPTH;
 * null if neither. Walked with a stack, not recursion.
 */
function nulAt(value: unknown, path: string): string | { surrogate: string } | 'too_deep' | null {
  const stack: [unknown, string, number][] = [[value, path, 0]];
  while (stack.length) {
    const [v, at, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return at;
      if (LONE_SURROGATE.test(v)) return { surrogate: at };
      continue;
    }
    if (!v || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_DEPTH) return 'too_deep';
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (const [key, child] of entries) stack.push([child, `${at}.${key}`, depth + 1]);
  }
  return null;
}

/**
 * Refuses text with NUL characters before anything reads it: PostgreSQL cannot store them, and
 * the answer should name the field rather than fail later.
 */
async function inputGuard(app: FastifyInstance) {
  // Callback-style, as it does no I/O (see request-context.ts); what it throws, Fastify answers.
  app.addHook('preValidation', (request, reply, done) => {
    const allowed = request.routeOptions.config.nulAllowedIn ?? [];
    for (const [part, value] of [
      ['body', request.body],
      ['querystring', request.query],
      ['params', request.params],
    ] as const) {
      const field = nulAt(value, part);
      if (typeof field === 'object' && field) {
        throw new AppError('validation_failed', 'Text cannot contain a lone surrogate.', [
          { field: field.surrogate, message: 'Remove the character that is not valid Unicode' },
        ]);
      }
      if (field === 'too_deep') {
        throw new AppError('validation_failed', 'The request nests too deeply.', [
          { field: part, message: `Nest at most ${MAX_DEPTH} levels` },
        ]);
      }
      if (field && !allowed.includes(field)) {
        throw new AppError('validation_failed', 'Text cannot contain NUL characters.', [
          { field, message: 'Remove the NUL character' },
        ]);
      }
    }
    done();
  });
}

export default fp(inputGuard, { name: 'input-guard' });
