import { z } from 'zod';
import { errorResponses, instant, reasonBody } from '../../http/schemas.js';
import { eventParams } from '../events/schema.js';
import { deliveryKinds, webhookFormats } from './payloads.js';

const security = [{ session: [] }];
const tags = ['webhooks'];

const webhookParams = eventParams.extend({ webhookId: z.string().min(1).max(100) });

const url = z
  .string()
  .trim()
  .min(1, 'Enter the webhook’s address')
  .max(2000, 'Use at most 2,000 characters');
const description = z.string().trim().max(200, 'Use at most 200 characters');

export const webhookDelivery = z
  .object({
    id: z.string(),
    kind: z.enum(deliveryKinds),
    status: z
      .enum(['pending', 'sending', 'delivered', 'failed', 'cancelled'])
      .describe('cancelled: the webhook was disabled before it went out'),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable().describe('The HTTP status of the last answer'),
    lastError: z.string().nullable(),
    createdAt: instant,
    deliveredAt: instant.nullable(),
    nextAttemptAt: instant.nullable().describe('When a waiting delivery is tried next'),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhook = z
  .object({
    id: z.string(),
    format: z.enum(webhookFormats),
    url: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    signed: z.boolean().describe('Deliveries carry X-Steward-Signature (generic webhooks)'),
    createdAt: instant,
    deliveries: z.array(webhookDelivery).describe('The latest deliveries, newest first'),
  })
  .meta({ id: 'Webhook' });

export const getWebhooks = {
  tags,
  summary: 'An event’s webhooks with their latest deliveries (event_admins)',
  security,
  params: eventParams,
  response: { 200: z.object({ items: z.array(webhook) }), ...errorResponses(401, 403, 404) },
};

export const postWebhook = {
  tags,
  summary: 'Add a webhook for new reports (event_admins)',
  description:
    'slack and discord: an incoming-webhook URL of that service. generic: any https URL; the ' +
    'answer carries the signing secret, shown this once. Addresses on private networks are refused.',
  security,
  params: eventParams,
  body: z
    .object({
      format: z.enum(webhookFormats, 'Choose Slack, Discord or generic'),
      url,
      description: description.default(''),
    })
    .strict(),
  response: {
    201: z.object({
      webhook,
      secret: z
        .string()
        .nullable()
        .describe('The signing secret of a generic webhook: shown only in this answer'),
    }),
    ...errorResponses(400, 401, 403, 404, 409),
  },
};

export const patchWebhook = {
  tags,
  summary: 'Change a webhook: enabled, description, address (event_admins)',
  description: 'Disabling it cancels deliveries still waiting.',
  security,
  params: webhookParams,
  body: z.object({ enabled: z.boolean(), description, url }).partial().strict(),
  response: { 200: z.object({ webhook }), ...errorResponses(400, 401, 403, 404) },
};

export const deleteWebhook = {
  tags,
  summary: 'Remove a webhook and its deliveries (event_admins)',
  security,
  params: webhookParams,
  body: reasonBody,
  response: { 204: z.null().describe('Removed'), ...errorResponses(400, 401, 403, 404) },
};

export const postWebhookTest = {
  tags,
  summary: 'Queue a test payload to a webhook (event_admins)',
  security,
  params: webhookParams,
  response: { 202: z.object({ webhook }), ...errorResponses(401, 403, 404, 409) },
};
