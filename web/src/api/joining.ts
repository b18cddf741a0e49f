import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { InvitationStatus } from './invitations';
import { scopePath, teamKey, type TeamKind } from './teams';

// How people join a team besides being added: invite links and email invitations (SPEC §7).

export type InviteLinkStatus = 'active' | 'expired' | 'used_up' | 'disabled';

/** An invite link as the people who manage it see it (never its address: that is shown once). */
export interface InviteLink {
  id: string;
  role: string;
  note: string | null;
  maxUses: number;
  useCount: number;
  expiresAt: string;
  createdAt: string;
  /** Their name. */
  createdBy: string | null;
  disabledAt: string | null;
  status: InviteLinkStatus;
}

/** What an invite link offers, as the person holding it sees it. */
export interface InviteLinkOffer {
  status: InviteLinkStatus;
  role: string;
  scope: { type: 'organization' | 'chapter' | 'event'; id: string; name: string };
  expiresAt: string;
}

/** An email invitation that waits (or expired unaccepted), as its senders see it. */
export interface SentInvitation {
  id: string;
  email: string;
  role: string;
  message: string | null;
  status: InvitationStatus;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface NewInviteLink {
  role: string;
  expiresAt: string;
  maxUses: number;
  note?: string;
}

export interface NewInvitations {
  emails: string[];
  role: string;
  message?: string;
}

const linksKey = (kind: TeamKind, id: string) => [...teamKey(kind, id), 'invite-links'] as const;
const sentKey = (kind: TeamKind, id: string) => [...teamKey(kind, id), 'invitations'] as const;

/** The invite links of an event or organization, newest first, with their use counts. */
export function useInviteLinks(kind: TeamKind, id: string) {
  return useQuery({
    queryKey: linksKey(kind, id),
    queryFn: () =>
      api<{ items: InviteLink[] }>(`${scopePath(kind, id)}/invite-links`).then((r) => r.items),
  });
}

/**
 * Creates an invite link. The answer's `url` exists only in this answer (the server keeps a
 * hash): the caller shows it once, and it is never put in the query cache.
 */
export function useCreateInviteLink(kind: TeamKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewInviteLink) =>
      api<{ link: InviteLink; url: string }>(`${scopePath(kind, id)}/invite-links`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linksKey(kind, id) }),
  });
}

/** Disables an invite link: it stops working at once. */
export function useDisableInviteLink(kind: TeamKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) =>
      api<{ link: InviteLink }>(
        `${scopePath(kind, id)}/invite-links/${encodeURIComponent(linkId)}/disable`,
        { method: 'POST' },
      ).then((r) => r.link),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linksKey(kind, id) }),
  });
}

/** The email invitations of an event or organization that nobody accepted or revoked. */
export function useSentInvitations(kind: TeamKind, id: string) {
  return useQuery({
    queryKey: sentKey(kind, id),
    queryFn: () =>
      api<{ items: SentInvitation[] }>(`${scopePath(kind, id)}/invitations`).then((r) => r.items),
  });
}

/** Invites one or more addresses to a role, with an optional personal message. */
export function useSendInvitations(kind: TeamKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewInvitations) =>
      api<{ items: SentInvitation[] }>(`${scopePath(kind, id)}/invitations`, {
        method: 'POST',
        body,
      }).then((r) => r.items),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sentKey(kind, id) }),
  });
}

/** Resends an invitation (a fresh link; the old one stops working) or revokes it. */
export function useInvitationAction(kind: TeamKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      invitation,
      action,
    }: {
      invitation: SentInvitation;
      action: 'resend' | 'revoke';
    }) =>
      api<{ invitation: SentInvitation }>(
        `${scopePath(kind, id)}/invitations/${encodeURIComponent(invitation.id)}/${action}`,
        { method: 'POST' },
      ).then((r) => r.invitation),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sentKey(kind, id) }),
  });
}

/**
 * What an invite link offers. A query, though a POST: it only reads, once per token, however
 * often the page renders.
 */
export function useInviteLinkLookup(token: string | null) {
  return useQuery({
    queryKey: ['invite-link', token],
    queryFn: () =>
      api<{ link: InviteLinkOffer }>('/api/invite-links/lookup', {
        method: 'POST',
        body: { token },
      }).then((r) => r.link),
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
  });
}

/**
 * Takes the role a link offers for the signed-in account (409 invitation_expired,
 * invitation_revoked or invitation_used when it no longer works); the answer says where to go.
 */
export function useRedeemInviteLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      api<{ next: string }>('/api/invite-links/redeem', { method: 'POST', body: { token } }),
    // A new role changes what many answers say (events, organizations, abilities).
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
