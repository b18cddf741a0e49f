import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RequestActor } from '../../authz/actor.js';
import { authorizedFollowUp, authorizedReport, lockedReport } from '../reports/access.js';
import { attachmentDisposition, sendableType } from './content.js';
import * as schema from './schema.js';
import * as service from './service.js';

/** The default of EVIDENCE_MAX_BYTES, for an app built without it. */
export const DEFAULT_EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

// Past the limit, Fastify stops reading and answers a bare 413; a little headroom lets a body just
// over it reach evidenceType(), which says what the limit is.
const BODY_HEADROOM = 64 * 1024;

/** Evidence files of incident reports: upload, list, download, delete; the follow-up link's. */
const evidenceRoutes: FastifyPluginAsyncZod<{
  publicUrl: string;
  /** Largest evidence file, in bytes (config.evidenceMaxBytes). */
  evidenceMaxBytes?: number;
}> = async (app, opts) => {
  const db = app.database.db;
  const maxBytes = opts.evidenceMaxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES;

  const ctxOf = (request: FastifyRequest, actor: RequestActor | null) => ({
    actor: actor ? { userId: actor.user.id } : null,
    origin: request.origin(),
  });

  /** The uploaded bytes; a request without a body is an empty file. */
  const fileBody = (body: unknown): Buffer => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

  // Uploads take the file as the raw body, whatever its declared type (even text/plain or
  // application/json, which would otherwise be parsed): the type is read from the bytes. Only
  // these two routes, in a plugin of their own, parse bodies so.
  const uploadRoutes: FastifyPluginAsyncZod = async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: maxBytes + BODY_HEADROOM },
      (_request, body, done) => done(null, body),
    );

    uploads.post(
      '/api/reports/:reportId/evidence',
      // A file's name is cleaned by the service (control characters removed), not refused.
      { schema: schema.postEvidence, config: { nulAllowedIn: ['querystring.name'] } },
      async (request, reply) => {
        const actor = await request.requireActor();
        const loaded = await authorizedReport(
          db,
          actor,
          request.params.reportId,
          'report.evidence.upload',
        );
        const { row, uploaderName } = await service.uploadEvidence(
          db,
          ctxOf(request, actor),
          (tx) => lockedReport(tx, actor, loaded.row.report.id, ['report.evidence.upload']),
          actor.user.id,
          { name: request.query.name, data: fileBody(request.body) },
          { maxBytes },
        );
        const evidence = service.presentEvidence(
          loaded,
          { evidence: row, uploaderName },
          { kind: 'member', facts: actor.facts },
        );
        return reply.code(201).send({ evidence });
      },
    );

    uploads.post(
      '/api/follow-up/evidence',
      {
        schema: schema.postFollowUpEvidence,
        config: { nulAllowedIn: ['querystring.name'] },
        preHandler: uploads.rateLimit('followUp', { account: () => null }),
      },
      async (request, reply) => {
        const token = request.headers['x-follow-up-token'];
        const loaded = await authorizedFollowUp(db, token, 'report.evidence.upload');
        const { row, uploaderName } = await service.uploadEvidence(
          db,
          ctxOf(request, null),
          (tx) => authorizedFollowUp(tx, token, 'report.evidence.upload'),
          null,
          { name: request.query.name, data: fileBody(request.body) },
          { maxBytes },
        );
        const evidence = service.presentEvidence(
          loaded,
          { evidence: row, uploaderName },
          { kind: 'follow-up' },
        );
        return reply.code(201).send({ evidence });
      },
    );
  };
  await app.register(uploadRoutes);

  app.get('/api/reports/:reportId/evidence', { schema: schema.getEvidence }, async (request) => {
    const actor = await request.requireActor();
    const loaded = await authorizedReport(db, actor, request.params.reportId);
    return {
      items: await service.listEvidence(db, loaded, { kind: 'member', facts: actor.facts }),
    };
  });

  app.get(
    '/api/evidence/:evidenceId/download',
    { schema: schema.downloadEvidence },
    async (request, reply) => {
      const actor = await request.requireActor();
      const { row, data } = await service.downloadEvidence(
        db,
        ctxOf(request, actor),
        actor,
        request.params.evidenceId,
      );
      // Never shown in the browser's origin: downloaded, not sniffed, and sandboxed should a
      // browser render it anyway.
      reply.header('content-type', sendableType(row.contentType));
      reply.header('content-disposition', attachmentDisposition(row.fileName));
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cache-control', 'private, no-store');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      // Raw bytes: Fastify sends a Buffer as it is, past the response schema.
      return reply.send(data as never);
    },
  );

  app.delete(
    '/api/evidence/:evidenceId',
    { schema: schema.deleteEvidence },
    async (request, reply) => {
      const actor = await request.requireActor();
      await service.deleteEvidence(
        db,
        ctxOf(request, actor),
        actor,
        request.params.evidenceId,
        request.body.reason ?? null,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/follow-up/evidence',
    {
      schema: schema.getFollowUpEvidence,
      preHandler: app.rateLimit('followUp', { account: () => null }),
    },
    async (request) => {
      const loaded = await authorizedFollowUp(db, request.headers['x-follow-up-token']);
      return { items: await service.listEvidence(db, loaded, { kind: 'follow-up' }) };
    },
  );
};

export default evidenceRoutes;
