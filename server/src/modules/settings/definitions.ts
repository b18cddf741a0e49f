import { z } from 'zod';

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
} as const;

export type SystemSettingName = keyof typeof systemSettingDefinitions;
export type SystemSettings = {
  [K in SystemSettingName]: (typeof systemSettingDefinitions)[K]['default'];
};
export const systemSettingNames = Object.keys(systemSettingDefinitions) as SystemSettingName[];
