import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api } from './client';
import { eventKey } from './events';
import { organizationKey } from './organizations';
import type { PageOf } from './page';

/** A scope with a team: an event, or an organization (its members). */
export type TeamKind = 'event' | 'organization';

/** The roles each kind of team gives, highest first (the filter of the team page). */
export const teamRoles: Record<TeamKind, readonly string[]> = {
  event: ['event_admin', 'responder', 'reporter'],
  organization: ['org_admin', 'org_viewer'],
};

/** Someone on a team, as `GET …/team` describes them, with what the caller may do with them. */
export interface TeamMember {
  userId: string;
  name: string;
  image: string | null;
  /** Only for those who manage the team. */
  email: string | null;
  role: string;
  /** Held in this scope itself, not inherited from the organization or a chapter. */
  explicit: boolean;
  inheritedFrom: { type: 'organization' | 'chapter'; id: string; name: string } | null;
  grantedBy: { id: string; name: string } | null;
  grantedAt: string | null;
  expiresAt: string | null;
  lastActiveAt: string | null;
  isYou: boolean;
  can: {
    /** The roles the caller may change this one to now. */
    changeTo: string[];
    remove: boolean;
    setExpiry: boolean;
  };
}

export interface TeamPage extends PageOf<TeamMember> {
  can: {
    manage: boolean;
    invite: boolean;
    /** The roles the caller may give here (adding someone, inviting, invite links). */
    assignable: string[];
  };
}

export interface TeamFilter {
  q: string;
  role: string | null;
  page: number;
}

/** The API path of the scope a team belongs to. */
export const scopePath = (kind: TeamKind, id: string) =>
  `/api/${kind === 'event' ? 'events' : 'organizations'}/${encodeURIComponent(id)}`;

/** Every cached answer about one team (members, invitations, invite links). */
export const teamKey = (kind: TeamKind, id: string) => ['team', kind, id] as const;

const teamPath = (kind: TeamKind, id: string) => `${scopePath(kind, id)}/team`;

const search = (filter: TeamFilter) => {
  const params = new URLSearchParams({ page: String(filter.page) });
  if (filter.q) params.set('q', filter.q);
  if (filter.role) params.set('role', filter.role);
  return params.toString();
};

/** One page of a team, searched by name and filtered by role. */
export function useTeam(
  kind: TeamKind,
  id: string,
  filter: TeamFilter,
  opts: { enabled: boolean },
) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: [...teamKey(kind, id), 'members', filter],
    queryFn: () => api<TeamPage>(`${teamPath(kind, id)}?${search(filter)}`),
    placeholderData: keepPreviousData,
  });
}

/**
 * After a change to a team: the team is read again, and so is what shows its size (the event's
 * team count, the organization's member list).
 */
export async function teamChanged(queryClient: QueryClient, kind: TeamKind, id: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: teamKey(kind, id) }),
    queryClient.invalidateQueries({
      queryKey: kind === 'event' ? eventKey(id) : organizationKey(id),
    }),
  ]);
}

/** What adding someone or changing their role sends; expiresAt null means no end. */
export interface Assignment {
  role: string;
  expiresAt: string | null;
  reason: string;
}

const assignmentBody = ({ role, expiresAt, reason }: Assignment) => ({
  role,
  expiresAt,
  ...(reason.trim() ? { reason: reason.trim() } : {}),
});

/** Adds someone who has an account, by email (400 at `email` when no account uses it). */
export function useAddMember(kind: TeamKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, ...assignment }: Assignment & { email: string }) =>
      api<{ member: TeamMember }>(teamPath(kind, id), {
        method: 'POST',
        body: { email: email.trim(), ...assignmentBody(assignment) },
      }).then((r) => r.member),
    onSuccess: () => teamChanged(queryClient, kind, id),
  });
}

/** Changes a member's role, their expiry, or both (409 last_admin for the last admin). */
export function useChangeMember(kind: TeamKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...assignment }: Assignment & { userId: string }) =>
      api<{ member: TeamMember }>(`${teamPath(kind, id)}/${encodeURIComponent(userId)}`, {
        method: 'PUT',
        body: assignmentBody(assignment),
      }).then((r) => r.member),
    onSuccess: () => teamChanged(queryClient, kind, id),
  });
}

/** Takes someone off the team (409 last_admin for the last admin). */
export function useRemoveMember(kind: TeamKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, reason }: { userId: string; reason: string }) =>
      api<void>(`${teamPath(kind, id)}/${encodeURIComponent(userId)}`, {
        method: 'DELETE',
        body: { reason: reason.trim() || null },
      }),
    onSuccess: () => teamChanged(queryClient, kind, id),
  });
}

/**
 * Leaves an event or organization: the caller's own roles in it end (409 last_admin for its last
 * admin). `then` runs first (leaving the page, which the caller may no
 * longer open); every answer is read again afterwards, since what the caller may see changed.
 */
export function useLeave(kind: TeamKind, id: string, then: () => void | Promise<void>) {
  const queryClient = useQueryClient();
  const path = `${scopePath(kind, id)}/membership`;
  return useMutation({
    mutationFn: (reason: string) =>
      api<void>(path, { method: 'DELETE', body: { reason: reason.trim() || null } }),
    onSuccess: async () => {
      await then();
      queryClient.removeQueries({ queryKey: teamKey(kind, id) });
      queryClient.removeQueries({
        queryKey: kind === 'event' ? eventKey(id) : organizationKey(id),
      });
      await queryClient.invalidateQueries();
    },
  });
}
