import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import {
  useDisableInviteLink,
  useInviteLinks,
  type InviteLink,
  type InviteLinkStatus,
} from '../../api/joining';
import type { TeamKind } from '../../api/teams';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { ReasonDialog } from '../../components/reason-dialog';
import { formatInstant } from '../shared/instant';
import { roleLabel } from '../shared/role-label';
import classes from './teams.module.css';

export const linkStatusLabel: Record<InviteLinkStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  used_up: 'Used up',
  disabled: 'Disabled',
};

// Dark shades keep the white text of filled badges at AA contrast.
const statusColor: Record<InviteLinkStatus, string> = {
  active: 'teal.9',
  expired: 'gray.8',
  used_up: 'gray.8',
  disabled: 'red.9',
};

/** An event's or organization's invite links, newest first: use counts, status, disabling. */
export function InviteLinkList({ kind, id }: { kind: TeamKind; id: string }) {
  const links = useInviteLinks(kind, id);
  const [disabling, setDisabling] = useState<InviteLink | null>(null);

  if (links.error) return <ErrorAlert error={links.error} title="Links could not be loaded" />;
  if (!links.data) return <Loading label="Loading invite links" />;
  if (links.data.length === 0) return <Text size="sm">No invite link yet.</Text>;
  return (
    <>
      <Stack component="ul" gap="xs" className={classes.list}>
        {links.data.map((l) => (
          <Paper component="li" key={l.id} withBorder p="sm" radius="md">
            <Stack gap={4}>
              <Group gap="xs" wrap="wrap">
                <Badge component="span" variant="outline" color="blue.9">
                  {roleLabel(l.role)}
                </Badge>
                <Badge component="span" variant="filled" color={statusColor[l.status]}>
                  {linkStatusLabel[l.status]}
                </Badge>
                <Text size="sm" fw={600}>
                  {l.useCount} of {l.maxUses} used
                </Text>
              </Group>
              {l.note ? (
                <Text size="sm" className={classes.wrap}>
                  {l.note}
                </Text>
              ) : null}
              <Text size="sm" c="dimmed" className={classes.wrap}>
                Created{l.createdBy ? ` by ${l.createdBy}` : ''} on {formatInstant(l.createdAt)};{' '}
                {l.disabledAt
                  ? `disabled on ${formatInstant(l.disabledAt)}`
                  : `${l.status === 'expired' ? 'expired' : 'works until'} ${formatInstant(l.expiresAt)}`}
              </Text>
              {l.status === 'active' ? (
                <div>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.8"
                    aria-label={`Disable the ${roleLabel(l.role)} link${l.note ? ` “${l.note}”` : ''}`}
                    onClick={() => setDisabling(l)}
                  >
                    Disable
                  </Button>
                </div>
              ) : null}
            </Stack>
          </Paper>
        ))}
      </Stack>
      {disabling ? (
        <DisableLink kind={kind} id={id} link={disabling} onClose={() => setDisabling(null)} />
      ) : null}
    </>
  );
}

const joined = (n: number) =>
  n === 0
    ? 'Nobody has used it yet.'
    : `The ${n === 1 ? 'person' : `${n} people`} who joined with it keep${n === 1 ? 's' : ''} their role.`;

function DisableLink({
  kind,
  id,
  link,
  onClose,
}: {
  kind: TeamKind;
  id: string;
  link: InviteLink;
  onClose: () => void;
}) {
  const disable = useDisableInviteLink(kind, id);
  return (
    <ReasonDialog
      title="Disable this invite link?"
      explanation={`It stops working at once, for everyone who has it. ${joined(link.useCount)}`}
      confirmLabel="Disable link"
      danger
      withReason={false}
      pending={disable.isPending}
      error={disable.error}
      onConfirm={() => disable.mutate(link.id, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}
