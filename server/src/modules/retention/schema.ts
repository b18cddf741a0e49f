import { z } from 'zod';
import { errorResponses, instant } from '../../http/schemas.js';
import { MIN_RETENTION_DAYS, systemSettingDefinitions } from '../settings/definitions.js';

const security = [{ session: [] }];
const tags = ['admin'];
const defs = systemSettingDefinitions;

const retentionSetting = z.object({
  value: z.number().int().nullable().describe('Days; null keeps forever'),
  default: z.number().int().nullable(),
  minimum: z.number().int(),
  explanation: z.string(),
});

export const retentionSettings = z
  .object({
    auditRetentionDays: retentionSetting,
    incidentRetentionDays: retentionSetting,
  })
  .meta({ id: 'RetentionSettings' });

export const getRetention = {
  tags,
  summary: 'How long audit entries and the incident data of archived events are kept',
  security,
  response: {
    200: z.object({ settings: retentionSettings }),
    ...errorResponses(401, 403, 404),
  },
};

export const patchRetention = {
  tags,
  summary: 'Change the retention periods (system admins); each change is audited',
  security,
  body: z
    .object({
      auditRetentionDays: defs.auditRetentionDays.schema.optional(),
      incidentRetentionDays: defs.incidentRetentionDays.schema.optional(),
    })
    .strict(),
  response: {
    200: z.object({ settings: retentionSettings }),
    ...errorResponses(400, 401, 403, 404),
  },
};

const counts = {
  enabled: z.boolean().describe('Whether this retention is set'),
  retentionDays: z.number().int().nullable(),
  cutoff: instant.nullable().describe('Older than this goes'),
};

export const purgeResult = z
  .object({
    dryRun: z.boolean(),
    ranAt: instant,
    audit: z.object({ ...counts, entries: z.number().int() }),
    incidents: z.object({
      ...counts,
      events: z.number().int(),
      reports: z.number().int(),
      comments: z.number().int(),
      commentRevisions: z.number().int(),
      evidence: z.number().int(),
      evidenceBytes: z.number().int(),
      history: z.number().int(),
      accessLog: z.number().int(),
      assignees: z.number().int(),
      notifications: z.number().int(),
    }),
  })
  .meta({ id: 'RetentionPurge' });

export const postPurge = {
  tags,
  summary: 'Run the retention purge now, or count what it would delete (dryRun)',
  description:
    `Deletes audit entries older than auditRetentionDays (never the purge's own), and the ` +
    `incident data of events archived longer than incidentRetentionDays. Each kind runs in one ` +
    `transaction and is audited as system.retention.purge, dry runs too. Minimum period: ` +
    `${MIN_RETENTION_DAYS} days.`,
  security,
  body: z.object({ dryRun: z.boolean().default(true) }).strict(),
  response: { 200: z.object({ result: purgeResult }), ...errorResponses(400, 401, 403, 404) },
};
