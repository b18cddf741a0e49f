import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useInvitationAction, useSentInvitations, type SentInvitation } from '../../api/joining';
import type { TeamKind } from '../../api/teams';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { ReasonDialog } from '../../components/reason-dialog';
import { formatInstant } from '../shared/instant';
import { roleLabel } from '../shared/role-label';
import classes from './teams.module.css';

/**
 * The email invitations nobody accepted yet (expired ones too), newest first: resent (a fresh
 * link; the old one stops working) or revoked.
 */
export function SentInvitations({ kind, id }: { kind: TeamKind; id: string }) {
  const sent = useSentInvitations(kind, id);
  const act = useInvitationAction(kind, id);
  const [revoking, setRevoking] = useState<SentInvitation | null>(null);
  const done = act.isSuccess
    ? act.variables.action === 'resend'
      ? `A new invitation went to ${act.data.email}; the earlier link no longer works.`
      : `The invitation to ${act.data.email} is revoked.`
    : '';

  if (sent.error) return <ErrorAlert error={sent.error} title="Invitations could not be loaded" />;
  if (!sent.data) return <Loading label="Loading invitations" />;
  return (
    <Stack gap="xs">
      {sent.data.length === 0 ? <Text size="sm">No invitation is waiting.</Text> : null}
      {act.isError && !revoking ? (
        <ErrorAlert error={act.error} title="The invitation was not changed" />
      ) : null}
      <Stack component="ul" gap="xs" className={classes.list}>
        {sent.data.map((i) => (
          <Paper component="li" key={i.id} withBorder p="sm" radius="md">
            <Stack gap={4}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600} className={classes.wrap}>
                  {i.email}
                </Text>
                <Badge component="span" variant="outline" color="blue.9">
                  {roleLabel(i.role)}
                </Badge>
                {i.status === 'expired' ? (
                  <Badge component="span" variant="filled" color="gray.8">
                    Expired
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm" c="dimmed" className={classes.wrap}>
                Sent{i.invitedBy ? ` by ${i.invitedBy}` : ''} on {formatInstant(i.createdAt)};{' '}
                {i.status === 'expired' ? 'expired' : 'works until'} {formatInstant(i.expiresAt)}
              </Text>
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="default"
                  aria-label={`Resend the invitation to ${i.email}`}
                  loading={act.isPending && act.variables.invitation.id === i.id}
                  onClick={() => act.mutate({ invitation: i, action: 'resend' })}
                >
                  Resend
                </Button>
                <Button
                  size="xs"
                  variant="outline"
                  color="red.8"
                  aria-label={`Revoke the invitation to ${i.email}`}
                  onClick={() => {
                    act.reset();
                    setRevoking(i);
                  }}
                >
                  Revoke
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>
      <Text size="sm" role="status">
        {done}
      </Text>
      {revoking ? (
        <ReasonDialog
          title={`Revoke the invitation to ${revoking.email}?`}
          explanation="Its link stops working at once. You can invite them again later."
          confirmLabel="Revoke invitation"
          danger
          withReason={false}
          pending={act.isPending}
          error={act.error}
          onConfirm={() =>
            act.mutate(
              { invitation: revoking, action: 'revoke' },
              { onSuccess: () => setRevoking(null) },
            )
          }
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </Stack>
  );
}
