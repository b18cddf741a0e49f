import { z } from 'zod';
import { emailInput, instant, reasonInput } from '../../http/schemas.js';

// The HTTP shapes of a scope's leaders (a chapter's, a region's): shown and added the same way.

/** A leader as a chapter's or region's page shows them. */
export const scopeLeader = z
  .object({
    userId: z
      .string()
      .nullable()
      .describe('Only for those who may manage the leaders (canRemove); null for others'),
    name: z.string(),
    image: z
      .string()
      .nullable()
      .describe('Their picture (its address names the account): as userId, null for others'),
    grantedAt: instant,
    expiresAt: instant.nullable(),
    canRemove: z.boolean(),
  })
  .meta({ id: 'Leader' });

/** Making someone a leader: their account's address, an optional expiry and reason. */
export const leaderInput = z
  .object({
    email: emailInput,
    expiresAt: instant
      .nullable()
      .optional()
      .describe('When the role ends by itself (in the future); null: never'),
    reason: reasonInput,
  })
  .strict();
