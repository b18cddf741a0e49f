import { z } from 'zod';
import {
  emailInput,
  errorResponses,
  instant,
  reasonInput,
  slugInput,
  websiteInput,
} from '../../http/schemas.js';
import { organizationSettingsInput, organizationSettingsView } from '../../http/policy-settings.js';

const security = [{ session: [] }];
const tags = ['organizations'];

// Any string: an id that names nothing answers 404 like one the caller may not see.
export const orgParams = z.object({ orgId: z.string().min(1).max(100) });

const name = z.string().trim().min(1, 'Enter a name').max(120, 'Use at most 120 characters');
const description = z.string().trim().max(5000, 'Use at most 5,000 characters');
const personalMessage = z
  .string()
  .trim()
  .max(1000, 'Keep the message under 1,000 characters')
  .optional()
  .describe('A personal message included in the invitation email');

export const orgRoles = ['org_admin', 'org_viewer'] as const;

/** An invitation that has not been accepted yet, as the people who manage it see it. */
export const pendingInvitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.string(),
    createdAt: instant,
    expiresAt: instant,
    expired: z.boolean(),
  })
  .meta({ id: 'PendingInvitation' });

export const organizationSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    logoUrl: z.string().nullable(),
    myRoles: z.array(z.enum(orgRoles)).describe('The organization roles the caller holds'),
  })
  .meta({ id: 'OrganizationSummary' });

export const organization = organizationSummary
  .extend({
    description: z.string(),
    website: z.string().nullable(),
    createdAt: instant,
    settings: organizationSettingsView,
    adminInvitation: pendingInvitation
      .nullable()
      .describe('The invitation of the first org_admin while nobody has accepted it'),
    can: z
      .object({
        update: z.boolean(),
        viewMembers: z.boolean().describe('The member list and team page are open to the caller'),
        manageMembers: z.boolean(),
        viewAudit: z.boolean().describe("The organization's audit log is open to the caller"),
        createChapter: z.boolean(),
        createEvent: z.boolean(),
        proposeEvent: z
          .boolean()
          .describe('Creating an event here makes a proposal that waits for approval'),
        inviteFirstAdmin: z.boolean(),
      })
      .describe('What the caller may do here now; the server checks again on each change'),
  })
  .meta({ id: 'Organization' });

const pageQuery = {
  q: z.string().trim().max(200).optional().describe('Part of a name'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
};
export const pageFields = pageQuery;

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
export { pageOf };

export const getOrganizations = {
  tags,
  summary: 'The organizations the caller may view (all of them for system admins), by name',
  security,
  querystring: z.object(pageQuery),
  response: { 200: pageOf(organizationSummary), ...errorResponses(400, 401) },
};

export const postOrganization = {
  tags,
  summary: 'Create an organization and invite its first org_admin by email (system admins)',
  security,
  body: z
    .object({
      name,
      slug: slugInput,
      description: description.default(''),
      website: websiteInput.default(null),
      firstAdminEmail: emailInput.describe('Receives an invitation to become its org_admin'),
      message: personalMessage,
    })
    .strict(),
  response: {
    201: z.object({ organization }),
    ...errorResponses(400, 401, 403, 404, 409),
  },
};

export const getOrganization = {
  tags,
  summary: 'An organization: details, policy settings with their explanations, abilities',
  security,
  params: orgParams,
  response: { 200: z.object({ organization }), ...errorResponses(400, 401, 404) },
};

export const patchOrganization = {
  tags,
  summary: 'Change an organization: details and policy settings (org_admins); audited',
  security,
  params: orgParams,
  body: z
    .object({
      name,
      slug: slugInput,
      description,
      website: websiteInput,
      settings: organizationSettingsInput,
      reason: reasonInput,
    })
    .partial()
    .strict(),
  response: {
    200: z.object({ organization }),
    ...errorResponses(400, 401, 403, 404, 409),
  },
};

export const postAdminInvitation = {
  tags,
  summary: 'Invite the first org_admin again (system admins, while the organization has none)',
  description: 'A new invitation replaces the one still waiting: its link stops working.',
  security,
  params: orgParams,
  body: z.object({ email: emailInput, message: personalMessage }).strict(),
  response: { 200: z.object({ organization }), ...errorResponses(400, 401, 403, 404, 409) },
};

export const member = z
  .object({
    userId: z.string(),
    name: z.string(),
    image: z.string().nullable(),
    role: z.string(),
    scope: z.object({
      type: z.enum(['organization', 'chapter']),
      id: z.string(),
      name: z.string(),
    }),
    grantedAt: instant,
    expiresAt: instant.nullable(),
  })
  .meta({ id: 'OrganizationMember' });

export const getMembers = {
  tags,
  summary: "An organization's members: its org_admins, org_viewers and chapter leaders",
  security,
  params: orgParams,
  querystring: z.object(pageQuery),
  response: { 200: pageOf(member), ...errorResponses(400, 401, 404) },
};

const logoResponse = {
  200: z.any().describe('The logo, a PNG'),
  ...errorResponses(400, 404),
};

export const getLogo = {
  tags,
  summary: "An organization's logo",
  params: orgParams,
  response: logoResponse,
};

export const putLogo = {
  tags,
  summary: "Set an organization's logo: PNG, JPEG, WebP or GIF up to 2 MB, kept at 512 px",
  security,
  params: orgParams,
  response: {
    200: z.object({ organization }),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
};

export const deleteLogo = {
  tags,
  summary: "Remove an organization's logo",
  security,
  params: orgParams,
  response: { 200: z.object({ organization }), ...errorResponses(400, 401, 403, 404) },
};
