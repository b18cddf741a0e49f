import { z } from 'zod';

/** The shortest retention a system admin may set: a month, so a typo cannot wipe the log. */
export const MIN_RETENTION_DAYS = 30;

/** A retention period in days, or null for "keep forever". */
const retentionDays = z
  .number()
  .int('Use whole days')
  .min(MIN_RETENTION_DAYS, `Keep at least ${MIN_RETENTION_DAYS} days`)
  .max(36_500, 'Use at most 36,500 days (100 years), or keep forever')
  .nullable();

/**
 * The installation-wide settings a system admin can change, with their defaults and a
 * plain-language explanation for the settings page.
 */
export const systemSettingDefinitions = {
  signUp: {
    schema: z.enum(['open', 'invite_only']),
    default: 'open' as 'open' | 'invite_only',
    explanation:
      'Whether anyone may create an account ("open"), or only people with an invitation ("invite_only"). Invitations always work.',
  },
  requireMfaForAdmins: {
    schema: z.boolean(),
    default: true as boolean,
    explanation:
      'Whether system admins must set up two-factor authentication before they can use their role. Organizations decide this for their own admins.',
  },
  auditRetentionDays: {
    schema: retentionDays,
    default: null as number | null,
    explanation: `How many days audit entries are kept before the daily purge deletes them (at least ${MIN_RETENTION_DAYS}). Empty keeps them forever. The record of each purge is always kept.`,
  },
  incidentRetentionDays: {
    schema: retentionDays,
    default: null as number | null,
    explanation: `How many days after an event is archived its incident data is deleted for good: reports with their comments, evidence, history, access log, assignees and notifications (at least ${MIN_RETENTION_DAYS}). Empty keeps it forever.`,
  },
} as const;

export type SystemSettingName = keyof typeof systemSettingDefinitions;
export type SystemSettings = {
  [K in SystemSettingName]: (typeof systemSettingDefinitions)[K]['default'];
};
export const systemSettingNames = Object.keys(systemSettingDefinitions) as SystemSettingName[];
