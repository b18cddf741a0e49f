import { Alert, Text } from '@mantine/core';
import type { InviteLinkStatus } from '../../api/joining';

export type EndedLinkStatus = Exclude<InviteLinkStatus, 'active'>;

/** The error codes of redeeming a link that no longer works, as its status. */
export const endedLinkByCode: Record<string, EndedLinkStatus> = {
  invitation_expired: 'expired',
  invitation_revoked: 'disabled',
  invitation_used: 'used_up',
};

export const endedLinkTitle: Record<EndedLinkStatus, string> = {
  expired: 'This invite link has expired',
  disabled: 'This invite link was turned off',
  used_up: 'This invite link has been used up',
};

const text: Record<EndedLinkStatus, string> = {
  expired:
    'Invite links work for a limited time, and this one has run out. Nothing is wrong on your side: ask whoever shared it for a new one.',
  disabled:
    'The people who manage it turned this link off, so it no longer lets anyone join. If you think that is a mistake, ask whoever shared it.',
  used_up:
    'This link lets a set number of people join, and that many already have. Ask whoever shared it for a new link, or for an invitation by email.',
};

/** Why an invite link no longer works, kindly, and what the person can do. */
export function InviteLinkEnded({ status }: { status: EndedLinkStatus }) {
  return (
    <Alert color="yellow" title={endedLinkTitle[status]}>
      <Text size="sm">{text[status]}</Text>
    </Alert>
  );
}
