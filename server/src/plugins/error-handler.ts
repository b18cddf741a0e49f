import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { recordDenial } from '../audit/record.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { AppError, DeniedError, type ErrorCode, type ErrorDetail } from '../errors.js';

/** Sends Steward's error body. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  status: number,
  message: string,
  details?: ErrorDetail[],
) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({
      error: { code, message, ...(details?.length ? { details } : {}), requestId: request.id },
    });
}

// Fastify's own client errors, turned into Steward's vocabulary.
const fastifyCodes: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'payload_too_large',
    message: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'This content type is not accepted here; send application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', message: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'bad_request', message: 'The body is not valid JSON.' },
};

function statusCode(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  return 'bad_request';
}

/** One error shape for everything: validation, client mistakes, and failures that reveal nothing. */
async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof DeniedError) await auditDenial(app, request, error);
    if (error instanceof AppError) {
      if (error.status === 503 && !reply.hasHeader('retry-after')) {
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      }
      return sendError(request, reply, error.code, error.status, error.message, error.details);
    }
    // Before anything that reads a status: better-auth wraps a lost connection in its own 500.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'the database is unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendError(request, reply, 'service_unavailable', 503, unavailableMessage);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
        const field = [error.validationContext, path].filter(Boolean).join('.');
        return { field, message: v.message ?? 'is invalid' };
      });
      const names = details.map((d) => d.field).join(', ');
      return sendError(
        request,
        reply,
        'validation_failed',
        400,
        `Please check: ${names}.`,
        details,
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, cause: error.cause }, 'response did not match its schema');
      return sendError(request, reply, 'internal_error', 500, internalMessage);
    }
    const rejected = rejectedValue(error);
    if (rejected) {
      return sendError(request, reply, 'validation_failed', 400, rejected);
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return sendError(request, reply, known.code, error.statusCode ?? 400, known.message);

    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(request, reply, statusCode(status), status, error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(
      request,
      reply,
      'internal_error',
      status >= 500 ? status : 500,
      internalMessage,
    );
  });
}

// PostgreSQL's data exceptions that only a value sent in a request can cause here: a NUL
// character in text, a date or number out of range. They are the client's, not a failure.
const dataExceptions: Record<string, string> = {
  '22021': 'A text contains a character that cannot be stored (such as NUL).',
  '22P05': 'A text contains a character that cannot be stored (such as NUL).',
  '22008': 'A date or time is out of range.',
  '22007': 'A date or time is not valid.',
  '22003': 'A number is out of range.',
};

/** The message for a database data exception caused by the request's values, if it is one. */
function rejectedValue(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in dataExceptions) return dataExceptions[code]!;
  }
  return null;
}

/**
 * A database that went away (restarting, failing over, out of connections) is usually back within
 * seconds, so the client should try again, not give up as after a 500 (a report submission repeats
 * safely with its idempotency key). Retry-After says when, for clients and proxies that honour it.
 */
const RETRY_AFTER_SECONDS = 5;
const unavailableMessage =
  'Steward cannot reach its database right now. Please try again in a few seconds.';

export const internalMessage =
  'Something went wrong on our side. Please try again; if it keeps happening, quote the request id.';

export default fp(errorHandler, { name: 'error-handler' });

/** Denied attempts are audited; a failure to record is logged and never changes the answer. */
async function auditDenial(app: FastifyInstance, request: FastifyRequest, error: DeniedError) {
  try {
    await recordDenial(app.database.db, request.origin(), error);
  } catch (err) {
    request.log.error({ err }, 'a denied attempt could not be audited');
  }
}
