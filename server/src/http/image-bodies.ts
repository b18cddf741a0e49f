import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.js';

/**
 * Lets the routes of one plugin take a picture as the raw request body (any image/* type, up to
 * `maxBytes`: the picture's own limit, not the JSON body limit). The bytes are checked by content
 * later; the declared type only picks this parser.
 */
export function acceptImageBodies(app: FastifyInstance, maxBytes: number): void {
  app.addContentTypeParser(
    /^image\//,
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (_r, body, done) => done(null, body),
  );
}

/** The uploaded picture, or a clear error when the body was not sent as an image. */
export function imageBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) {
    throw new AppError('unsupported_media_type', 'Send the picture with an image Content-Type.');
  }
  return body;
}

/** Sends stored picture bytes as they are, never sniffed into anything else. */
export function sendImage(
  reply: FastifyReply,
  image: { contentType: string; data: Buffer },
  cacheControl: string,
) {
  reply.header('content-type', image.contentType);
  reply.header('cache-control', cacheControl);
  reply.header('x-content-type-options', 'nosniff');
  // Raw bytes: Fastify sends a Buffer as it is, past the JSON serializer.
  return reply.send(image.data as never);
}
