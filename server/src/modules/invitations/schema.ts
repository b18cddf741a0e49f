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

const security = [{ session: [] }];

export const inviteLinkStatuses = ['active', 'expired', 'used_up', 'disabled'] as const;

export const inviteLink = z
  .object({
    id: z.string(),
    role: z.string(),
    note: z.string().nullable(),
    maxUses: z.number().int(),
    useCount: z.number().int(),
    expiresAt: instant,
    createdAt: instant,
    createdBy: z.string().nullable().describe('Their name'),
    disabledAt: instant.nullable(),
    status: z.enum(inviteLinkStatuses),
  })
  .meta({ id: 'InviteLink' });

export const inviteLinkView = z
  .object({
    status: z.enum(inviteLinkStatuses),
    role: z.string(),
    scope: invitationView.shape.scope,
    expiresAt: instant,
  })
  .meta({ id: 'InviteLinkOffer' });

export const postLinkLookup = {
  tags,
  summary: 'What an invite link offers, and whether it still works',
  body: z.object({ token }).strict(),
  response: { 200: z.object({ link: inviteLinkView }), ...errorResponses(400, 404, 429) },
};

export const postLinkRedeem = {
  tags,
  summary: 'Take the role an invite link offers (signed in); never lowers a role already held',
  description:
    'A link that expired, was disabled or has no uses left answers 409 with invitation_expired, ' +
    'invitation_revoked or invitation_used.',
  security,
  body: z.object({ token }).strict(),
  response: {
    200: z.object({ next: z.string() }),
    ...errorResponses(400, 401, 404, 409, 429),
  },
};

export const sentInvitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.string(),
    message: z.string().nullable(),
    status: z.enum(invitationStatuses),
    invitedBy: z.string().nullable(),
    createdAt: instant,
    expiresAt: instant,
  })
  .meta({ id: 'SentInvitation' });

/** The routes of invite links and email invitations of one kind of scope (events, organizations). */
export function scopedInvitationSchemas<P extends z.ZodObject>(scopeParams: P) {
  const getInviteLinks = {
    tags,
    summary: 'The invite links of an event or organization, newest first, with their use counts',
    security,
    params: scopeParams,
    response: {
      200: z.object({ items: z.array(inviteLink) }),
      ...errorResponses(400, 401, 403, 404),
    },
  };

  const postInviteLink = {
    tags,
    summary: 'Create an invite link; its address is shown this once',
    security,
    params: scopeParams,
    body: z
      .object({
        role: z.string().min(1).max(40),
        expiresAt: instant.describe('When the link stops working (at most 90 days ahead)'),
        maxUses: z.number().int().min(1, 'At least one use').max(1000, 'At most 1,000 uses'),
        note: z.string().trim().max(200).optional(),
      })
      .strict(),
    response: {
      201: z.object({
        link: inviteLink,
        url: z.string().describe('Shown once; only a hash is kept'),
      }),
      ...errorResponses(400, 401, 403, 404),
    },
  };

  const postDisableInviteLink = {
    tags,
    summary: 'Disable an invite link: it stops working at once',
    security,
    params: scopeParams.extend({ linkId: z.string().min(1).max(100) }),
    response: { 200: z.object({ link: inviteLink }), ...errorResponses(400, 401, 403, 404) },
  };

  const getInvitations = {
    tags,
    summary: 'Email invitations of an event or organization that wait, newest first',
    security,
    params: scopeParams,
    response: {
      200: z.object({ items: z.array(sentInvitation) }),
      ...errorResponses(400, 401, 403, 404),
    },
  };

  const postInvitations = {
    tags,
    summary: 'Invite one or more people by email to a role, with a personal message',
    security,
    params: scopeParams,
    body: z
      .object({
        emails: z
          .array(
            z.string().trim().toLowerCase().max(320).pipe(z.email('Enter valid email addresses')),
          )
          .min(1, 'Enter at least one address')
          .max(50, 'At most 50 addresses at once'),
        role: z.string().min(1).max(40),
        message: z.string().trim().max(1000).optional(),
      })
      .strict(),
    response: {
      201: z.object({ items: z.array(sentInvitation) }),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  };

  const postInvitationAction = {
    tags,
    summary: 'Resend (a new link; the old one stops) or revoke an invitation that waits',
    security,
    params: scopeParams.extend({
      invitationId: z.string().min(1).max(100),
      action: z.enum(['resend', 'revoke']),
    }),
    response: {
      200: z.object({ invitation: sentInvitation }),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  };
  return {
    getInviteLinks,
    postInviteLink,
    postDisableInviteLink,
    getInvitations,
    postInvitations,
    postInvitationAction,
  };
}
