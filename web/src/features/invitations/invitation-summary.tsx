import { Blockquote, Stack, Text } from '@mantine/core';
import type { Invitation } from '../../api/invitations';
import { DetailsList } from '../../components/details-list';
import { formatInstant } from '../shared/instant';
import { roleLabel } from '../shared/role-label';
import { invitedRoleMeaning } from './role-meaning';
import classes from './invitation.module.css';

const scopeWords: Record<Invitation['scope']['type'], string> = {
  organization: 'the organization',
  chapter: 'the chapter',
  event: 'the event',
};

/** What an invitation offers: the role, where, from whom, their message, and to which address. */
export function InvitationSummary({ invitation: i }: { invitation: Invitation }) {
  const meaning = invitedRoleMeaning(i.role);
  return (
    <Stack gap="sm">
      <Text>
        {i.invitedBy ? <strong>{i.invitedBy}</strong> : 'Someone'} invited you to be{' '}
        <strong>{roleLabel(i.role)}</strong> of {scopeWords[i.scope.type]}{' '}
        <strong>{i.scope.name}</strong>.
      </Text>
      {meaning ? <Text size="sm">{meaning}</Text> : null}
      {i.message ? (
        <Blockquote
          className={classes.message}
          p="sm"
          cite={i.invitedBy ? `— ${i.invitedBy}` : undefined}
        >
          {i.message}
        </Blockquote>
      ) : null}
      <DetailsList
        items={[
          { term: 'Sent to', value: i.email },
          {
            term: i.status === 'expired' ? 'Expired' : 'Expires',
            value: <time dateTime={i.expiresAt}>{formatInstant(i.expiresAt)}</time>,
          },
        ]}
      />
    </Stack>
  );
}
