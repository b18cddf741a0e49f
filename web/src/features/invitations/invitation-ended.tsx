import { Alert, Text } from '@mantine/core';
import type { InvitationStatus } from '../../api/invitations';

export type EndedStatus = Exclude<InvitationStatus, 'pending'>;

/** The error codes of accepting an invitation that can no longer be accepted, as its status. */
export const endedByCode: Record<string, EndedStatus> = {
  invitation_expired: 'expired',
  invitation_revoked: 'revoked',
  invitation_used: 'accepted',
};

export const endedTitle: Record<EndedStatus, string> = {
  expired: 'This invitation has expired',
  revoked: 'This invitation was withdrawn',
  accepted: 'This invitation was already accepted',
};

/** Why an invitation cannot be accepted any more, kindly, and what the person can do. */
export function InvitationEnded({
  status,
  invitedBy,
}: {
  status: EndedStatus;
  invitedBy: string | null;
}) {
  const who = invitedBy ?? 'the person who invited you';
  const text: Record<EndedStatus, string> = {
    expired: `Invitations work for a limited time, and this one has run out. Nothing is wrong on your side: ask ${who} to send you a new one.`,
    revoked: `Whoever manages it took this invitation back, so it can no longer be accepted. If you think that is a mistake, ask ${who}.`,
    accepted: `Each invitation works once. If it was you who accepted it, you already have the role: sign in with the invited address to find it.`,
  };
  return (
    <Alert color={status === 'accepted' ? 'blue' : 'yellow'} title={endedTitle[status]}>
      <Text size="sm">{text[status]}</Text>
    </Alert>
  );
}
