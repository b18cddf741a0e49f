import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/**
 * An invitation that has not been accepted yet, as the people who manage it see it (the first
 * admin of an organization or event, a team invitation).
 */
export interface PendingInvitation {
  id: string;
  email: string;
  role: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

/** What an invitation link offers, as the person holding the link sees it. */
export interface Invitation {
  status: InvitationStatus;
  role: string;
  scope: { type: 'organization' | 'chapter' | 'event'; id: string; name: string };
  /** The address it was sent to: only the account with this address can accept it. */
  email: string;
  invitedBy: string | null;
  message: string | null;
  expiresAt: string;
  /** A Steward account uses this address. */
  accountExists: boolean;
}

/**
 * What the link offers. A query, not a mutation, though it is a POST: it only reads, once per
 * token, however often the page renders.
 */
export function useInvitationLookup(token: string | null) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () =>
      api<{ invitation: Invitation }>('/api/invitations/lookup', {
        method: 'POST',
        body: { token },
      }).then((r) => r.invitation),
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
  });
}

/** Accepts the invitation for the signed-in account; the answer says where to go next. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      api<{ invitation: Invitation; next: string }>('/api/invitations/accept', {
        method: 'POST',
        body: { token },
      }),
    // A new role changes what many answers say (events, organizations, abilities).
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
