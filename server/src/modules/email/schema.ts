import { z } from 'zod';
import { emailStatuses } from '../../db/schema/index.js';
import { errorResponses } from '../../http/schemas.js';

const instant = z.iso.datetime({ offset: true });

export const outboxMessage = z
  .object({
    id: z.uuid(),
    kind: z.string().describe('The template that made it, e.g. `auth.password_reset`'),
    to: z.string(),
    subject: z.string(),
    text: z
      .string()
      .nullable()
      .describe('The plain text body; only for the development outbox (no SMTP configured)'),
    userId: z.string().nullable(),
    status: z.enum(emailStatuses),
    attempts: z.number().int(),
    nextAttemptAt: instant.nullable().describe('When it is tried next, while not yet sent'),
    lastError: z.string().nullable(),
    deliveredVia: z.enum(['smtp', 'log']).nullable(),
    createdAt: instant,
    sentAt: instant.nullable(),
  })
  .meta({ id: 'OutboxMessage' });

export const getOutbox = {
  tags: ['admin'],
  summary: 'The email outbox, newest first (system admins)',
  description:
    'Every email Steward has queued, with its delivery status. Without SMTP this is the ' +
    'development outbox, and the plain text bodies are included.',
  security: [{ session: [] }],
  querystring: z.object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  }),
  response: {
    200: z.object({
      delivery: z
        .enum(['smtp', 'development'])
        .describe('`development`: nothing is sent; messages stay here and in the log'),
      items: z.array(outboxMessage),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
    }),
    ...errorResponses(400, 401, 404),
  },
};
