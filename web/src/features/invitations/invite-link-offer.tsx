import { Stack, Text } from '@mantine/core';
import type { InviteLinkOffer } from '../../api/joining';
import { DetailsList } from '../../components/details-list';
import { formatInstant } from '../shared/instant';
import { roleLabel } from '../shared/role-label';
import { invitedRoleMeaning } from './role-meaning';

const scopeWords: Record<InviteLinkOffer['scope']['type'], string> = {
  organization: 'the organization',
  chapter: 'the chapter',
  event: 'the event',
};

/** What an invite link offers: the role, where, and until when. */
export function InviteLinkOfferSummary({ offer }: { offer: InviteLinkOffer }) {
  const meaning = invitedRoleMeaning(offer.role);
  return (
    <Stack gap="sm">
      <Text>
        This link invites you to be <strong>{roleLabel(offer.role)}</strong> of{' '}
        {scopeWords[offer.scope.type]} <strong>{offer.scope.name}</strong>.
      </Text>
      {meaning ? <Text size="sm">{meaning}</Text> : null}
      <DetailsList
        items={[
          {
            term: offer.status === 'expired' ? 'Expired' : 'Works until',
            value: <time dateTime={offer.expiresAt}>{formatInstant(offer.expiresAt)}</time>,
          },
        ]}
      />
    </Stack>
  );
}
