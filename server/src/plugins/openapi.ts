import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * The OpenAPI document is generated from the routes' zod schemas, so it cannot drift from what
 * the server validates. Served at /api/openapi.json and browsable at /api/docs.
 */
async function openapi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Steward API',
        version: '0.1.0',
        description:
          'Community events with code-of-conduct incident response. Errors always have the shape ' +
          '`{ "error": { "code", "message", "details"?, "requestId" } }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'steward.session_token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // Its page carries inline scripts: staticCSP sends hashes for them rather than loosening the
    // app's script policy. Its styles are inline too, like the app's; nothing loads from
    // elsewhere, and the page may not be framed.
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';")
        .replace(/font-src [^;]*;/, "font-src 'self' data:;")
        .replace(/img-src [^;]*;/, "img-src 'self' data:;")
        .replace(/frame-ancestors [^;]*;/, "frame-ancestors 'none';")
        .replace(/\s*upgrade-insecure-requests;/, ''),
    uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
  });
}

export default fp(openapi, { name: 'openapi' });
