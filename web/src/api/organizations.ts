import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PolicySetting } from '../features/shared/policy-setting';
import { api, upload } from './client';
import type { PendingInvitation } from './invitations';
import type { EventStatus, EventSummary } from './event-summary';
import type { PageOf } from './page';

export type OrgRole = 'org_admin' | 'org_viewer';

export interface OrganizationSummary {
  id: string;
  name: string;
  slug: string;
  logoUrl: string | null;
  /** The organization roles the caller holds. */
  myRoles: OrgRole[];
}

export interface OrganizationSettings {
  eventCreation: PolicySetting<'admins' | 'anyone'>;
  eventApproval: PolicySetting<'required' | 'not_required'>;
  leadersSeeIncidents: PolicySetting<boolean>;
  requireMfaForAdmins: PolicySetting<boolean>;
}

export type OrganizationSettingValues = {
  [K in keyof OrganizationSettings]: OrganizationSettings[K]['value'];
};

export interface Organization extends OrganizationSummary {
  description: string;
  website: string | null;
  createdAt: string;
  settings: OrganizationSettings;
  /** The first org_admin's invitation, while nobody has accepted it. */
  adminInvitation: PendingInvitation | null;
  can: {
    update: boolean;
    /** The member list and team page are open to the caller. */
    viewMembers: boolean;
    manageMembers: boolean;
    /** The organization's audit log is open to the caller (org admins). */
    viewAudit?: boolean;
    createChapter: boolean;
    createEvent: boolean;
    /** Creating an event here makes a proposal that waits for approval. */
    proposeEvent: boolean;
    inviteFirstAdmin: boolean;
  };
}

/** A member of an organization: an org_admin, org_viewer or chapter leader. */
export interface Member {
  userId: string;
  name: string;
  image: string | null;
  role: string;
  scope: { type: 'organization' | 'chapter'; id: string; name: string };
  grantedAt: string;
  expiresAt: string | null;
}

export interface NewOrganization {
  name: string;
  slug: string;
  description: string;
  website: string | null;
  firstAdminEmail: string;
  message?: string;
}

export type OrganizationChange = Partial<{
  name: string;
  slug: string;
  description: string;
  website: string | null;
  settings: Partial<OrganizationSettingValues>;
}>;

export interface OrganizationEventsPage extends PageOf<EventSummary> {
  counts: Record<EventStatus, number>;
}

const listKey = ['organizations'] as const;
export const organizationKey = (orgId: string) => ['organization', orgId] as const;
const orgPath = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '') search.set(k, `${v}`);
  return search.toString();
};

/** One page of the organizations the caller may view, by name. */
export function useOrganizations(q: string, page: number, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...listKey, q, page],
    queryFn: () => api<PageOf<OrganizationSummary>>(`/api/organizations?${query({ page, q })}`),
    placeholderData: keepPreviousData,
  });
}

/** One organization with its settings and what the caller may do there. */
export function useOrganization(orgId: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: organizationKey(orgId),
    queryFn: () => api<{ organization: Organization }>(orgPath(orgId)).then((r) => r.organization),
  });
}

/** Keeps the answer of a change as the organization, and the list up to date. */
function useOrganizationSaved() {
  const queryClient = useQueryClient();
  return async ({ organization }: { organization: Organization }) => {
    queryClient.setQueryData(organizationKey(organization.id), organization);
    await queryClient.invalidateQueries({ queryKey: listKey });
  };
}

/** Creates an organization and invites its first org_admin (system admins). */
export function useCreateOrganization() {
  const saved = useOrganizationSaved();
  return useMutation({
    mutationFn: (body: NewOrganization) =>
      api<{ organization: Organization }>('/api/organizations', { method: 'POST', body }),
    onSuccess: saved,
  });
}

/** Changes an organization's details or policy settings. */
export function useUpdateOrganization(orgId: string) {
  const saved = useOrganizationSaved();
  return useMutation({
    mutationFn: (body: OrganizationChange) =>
      api<{ organization: Organization }>(orgPath(orgId), { method: 'PATCH', body }),
    onSuccess: saved,
  });
}

/** Invites the first org_admin again; the earlier link stops working. */
export function useInviteFirstAdmin(orgId: string) {
  const saved = useOrganizationSaved();
  return useMutation({
    mutationFn: (body: { email: string; message?: string }) =>
      api<{ organization: Organization }>(`${orgPath(orgId)}/admin-invitation`, {
        method: 'POST',
        body,
      }),
    onSuccess: saved,
  });
}

/** Sets the logo (the image itself as the body) or removes it. */
export function useOrganizationLogo(orgId: string) {
  const saved = useOrganizationSaved();
  const save = useMutation({
    mutationFn: (file: File) =>
      upload<{ organization: Organization }>(`${orgPath(orgId)}/logo`, file),
    onSuccess: saved,
  });
  const remove = useMutation({
    mutationFn: () =>
      api<{ organization: Organization }>(`${orgPath(orgId)}/logo`, { method: 'DELETE' }),
    onSuccess: saved,
  });
  return { save, remove };
}

/** One page of an organization's members. */
export function useMembers(orgId: string, page: number) {
  return useQuery({
    queryKey: [...organizationKey(orgId), 'members', page],
    queryFn: () => api<PageOf<Member>>(`${orgPath(orgId)}/members?${query({ page })}`),
    placeholderData: keepPreviousData,
  });
}

/** One page of an organization's events the caller may see, with counts by status. */
export function useOrganizationEvents(
  orgId: string,
  filter: { status?: EventStatus; q: string; page: number },
) {
  return useQuery({
    queryKey: [...organizationKey(orgId), 'events', filter],
    queryFn: () =>
      api<OrganizationEventsPage>(
        `${orgPath(orgId)}/events?${query({ page: filter.page, q: filter.q, status: filter.status })}`,
      ),
    placeholderData: keepPreviousData,
  });
}
