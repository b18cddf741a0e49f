import { z } from 'zod';
import { errorResponses, instant } from '../../http/schemas.js';
import { pageOf } from '../organizations/schema.js';
import { notificationKindNames, type NotificationKind } from './kinds.js';

const security = [{ session: [] }];
const tags = ['notifications'];

const kind = z.enum(notificationKindNames as [NotificationKind, ...NotificationKind[]]);
const ref = z.object({ id: z.string(), name: z.string() });

export const notification = z
  .object({
    id: z.string(),
    kind,
    title: z.string(),
    link: z.string().describe('A path in the app'),
    createdAt: instant,
    readAt: instant.nullable(),
    event: ref.nullable(),
    actor: ref.nullable(),
  })
  .meta({ id: 'Notification' });

export const getNotifications = {
  tags,
  summary: "The caller's notifications, newest first, with the unread count",
  description:
    'A notification about a report is listed only while the caller may still view the report.',
  security,
  querystring: z.object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    unread: z.enum(['true', 'false']).optional(),
  }),
  response: {
    200: pageOf(notification).extend({ unread: z.number().int() }),
    ...errorResponses(400, 401),
  },
};

export const getUnreadCount = {
  tags,
  summary: 'How many unread notifications the caller has',
  security,
  response: { 200: z.object({ unread: z.number().int() }), ...errorResponses(401) },
};

export const postRead = {
  tags,
  summary: 'Mark one notification read',
  security,
  params: z.object({ notificationId: z.string().min(1).max(100) }),
  response: { 200: z.object({ notification }), ...errorResponses(401, 404) },
};

export const postReadAll = {
  tags,
  summary: "Mark all the caller's notifications read",
  security,
  response: { 200: z.object({ unread: z.literal(0) }), ...errorResponses(401) },
};

export const getStream = {
  tags,
  summary: 'Live updates (server-sent events): `unread` with { unread, latest }',
  description:
    'Sent on connect and whenever the caller has something new, also when it happened in another ' +
    'app process (PostgreSQL LISTEN/NOTIFY). Comment lines keep the connection alive.',
  security,
  response: errorResponses(401, 429),
};

const preference = z.object({
  kind,
  label: z.string(),
  description: z.string(),
  inApp: z.boolean(),
  email: z.boolean(),
  emailLocked: z.boolean().describe('Email cannot be turned off for this kind'),
});

export const getPreferences = {
  tags,
  summary: "The caller's notification preferences, per type and channel",
  security,
  response: { 200: z.object({ items: z.array(preference) }), ...errorResponses(401) },
};

export const putPreferences = {
  tags,
  summary: "Change the caller's notification preferences",
  security,
  body: z
    .object({
      items: z
        .array(z.object({ kind, inApp: z.boolean(), email: z.boolean() }).strict())
        .max(notificationKindNames.length)
        .refine(
          (items) => new Set(items.map((i) => i.kind)).size === items.length,
          'Each kind once',
        ),
    })
    .strict(),
  response: { 200: z.object({ items: z.array(preference) }), ...errorResponses(400, 401) },
};
