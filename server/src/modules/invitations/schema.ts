import { z } from 'zod';
import { errorResponses, instant } from '../../http/schemas.js';

const tags = ['invitations'];
const token = z.string().trim().min(10).max(200);

export const invitationStatuses = ['pending', 'accepted', 'expired', 'revoked'] as const;

export const invitationView = z
  .object({
    status: z.enum(invitationStatuses),
    role: z.string(),
    scope: z.object({
      type: z.enum(['organization', 'chapter', 'event']),
      id: z.string(),
      name: z.string(),
    }),
    email: z.string().describe('The address it was sent to: only that account can accept it'),
    invitedBy: z.string().nullable(),
    message: z.string().nullable(),
    expiresAt: instant,
    accountExists: z.boolean().describe('A Steward account uses this address'),
  })
  .meta({ id: 'Invitation' });

export const postLookup = {
  tags,
  summary: 'What an invitation link offers, and whether it can still be accepted',
  body: z.object({ token }).strict(),
  response: { 200: z.object({ invitation: invitationView }), ...errorResponses(400, 404, 429) },
};

export const postAccept = {
  tags,
  summary: 'Accept an invitation: the signed-in account with the invited address takes the role',
  description:
    'Accepting never lowers a role already held. An expired, revoked or already accepted ' +
    'invitation answers 409 with the code invitation_expired, invitation_revoked or ' +
    'invitation_used.',
  security: [{ session: [] }],
  body: z.object({ token }).strict(),
  response: {
    200: z.object({
      invitation: invitationView,
      next: z.string().describe('Where the web app goes next'),
    }),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
};
