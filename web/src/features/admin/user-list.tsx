import { useState } from 'react';
import { Accordion, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useChangeUser, type AdminUser, type SystemRole, type UserChange } from '../../api/admin';
import { ReasonDialog } from '../../components/reason-dialog';
import classes from './user-list.module.css';

const statusLabel: Record<AdminUser['status'], string> = {
  active: 'Active',
  unverified: 'Email not confirmed',
  deactivated: 'Deactivated',
  deleted: 'Deleted',
};

export const roleLabel: Record<SystemRole, string> = {
  system_admin: 'System admin',
  publisher: 'Publisher',
};

const when = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

/** People found by the search; opening one shows their details and what you may do. */
export function UserList({ users }: { users: AdminUser[] }) {
  return (
    <Accordion variant="separated" order={2} multiple>
      {users.map((u) => (
        <Accordion.Item key={u.id} value={u.id}>
          <Accordion.Control>
            <Stack gap={4} className={classes.summary}>
              <Text component="span" fw={600} className={classes.wrap}>
                {u.name}
                {u.isYou ? ' (you)' : ''}
              </Text>
              <Text component="span" size="sm" className={classes.wrap}>
                {u.email}
              </Text>
              <Group component="span" gap="xs" wrap="wrap">
                <Badge
                  component="span"
                  variant={u.status === 'active' ? 'default' : 'filled'}
                  color={u.status === 'deactivated' ? 'red.9' : 'gray.8'}
                >
                  {statusLabel[u.status]}
                </Badge>
                {u.systemRoles.map((r) => (
                  <Badge key={r} component="span" variant="filled" color="blue.9">
                    {roleLabel[r]}
                  </Badge>
                ))}
              </Group>
            </Stack>
          </Accordion.Control>
          <Accordion.Panel>
            <UserDetails user={u} />
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

interface Confirmation {
  change: UserChange;
  title: string;
  explanation: string;
  confirm: string;
  danger: boolean;
}

function confirmationFor(user: AdminUser, change: UserChange): Confirmation {
  switch (change.kind) {
    case 'deactivate':
      return {
        change,
        title: `Deactivate ${user.name}?`,
        explanation:
          'They are signed out everywhere at once and cannot sign in until someone reactivates ' +
          'the account. Nothing of theirs is deleted.',
        confirm: 'Deactivate',
        danger: true,
      };
    case 'reactivate':
      return {
        change,
        title: `Reactivate ${user.name}?`,
        explanation: 'They can sign in again, with the roles they had.',
        confirm: 'Reactivate',
        danger: false,
      };
    case 'reset-two-factor':
      return {
        change,
        title: `Reset two-factor for ${user.name}?`,
        explanation:
          'For someone who lost their authenticator and backup codes. Two-factor is turned off ' +
          'and they are signed out everywhere; they sign in with their password alone and set ' +
          'it up again. Make sure it is really them asking.',
        confirm: 'Reset two-factor',
        danger: true,
      };
    case 'grant':
      return {
        change,
        title: `Make ${user.name} ${roleLabel[change.role].toLowerCase()}?`,
        explanation:
          change.role === 'system_admin'
            ? 'A system admin runs this Steward: people, system roles, settings, organizations. ' +
              'It gives no access to incident reports. They will be asked to set up two-factor.'
            : 'A publisher may approve (publish) events anywhere and flag spam; nothing else.',
        confirm: `Grant ${roleLabel[change.role].toLowerCase()}`,
        danger: change.role === 'system_admin',
      };
    case 'revoke':
      return {
        change,
        title: `Remove ${roleLabel[change.role].toLowerCase()} from ${user.name}?`,
        explanation: user.isYou
          ? 'You lose this role yourself, at once.'
          : 'They lose this role at once; their other roles stay.',
        confirm: `Remove ${roleLabel[change.role].toLowerCase()}`,
        danger: true,
      };
  }
}

function UserDetails({ user }: { user: AdminUser }) {
  const [asking, setAsking] = useState<Confirmation | null>(null);
  const ask = (change: UserChange) => setAsking(confirmationFor(user, change));
  const { can } = user;
  const actions = [
    ...can.grant.map((role) => ({
      key: `grant-${role}`,
      label: `Make ${roleLabel[role].toLowerCase()}`,
      change: { kind: 'grant', role } as const,
    })),
    ...can.revoke.map((role) => ({
      key: `revoke-${role}`,
      label: `Remove ${roleLabel[role].toLowerCase()}`,
      change: { kind: 'revoke', role } as const,
    })),
    ...(can.resetTwoFactor
      ? [{ key: 'mfa', label: 'Reset two-factor', change: { kind: 'reset-two-factor' } as const }]
      : []),
    ...(can.reactivate
      ? [{ key: 'on', label: 'Reactivate', change: { kind: 'reactivate' } as const }]
      : []),
    ...(can.deactivate
      ? [{ key: 'off', label: 'Deactivate', change: { kind: 'deactivate' } as const }]
      : []),
  ];

  return (
    <Stack gap="sm">
      <dl className={classes.details}>
        <dt>Status</dt>
        <dd>
          {statusLabel[user.status]}
          {user.deactivatedAt ? ` since ${when(user.deactivatedAt)}` : ''}
        </dd>
        <dt>Two-factor</dt>
        <dd>{user.twoFactorEnabled ? 'On' : 'Off'}</dd>
        <dt>System roles</dt>
        <dd>
          {user.systemRoles.length ? user.systemRoles.map((r) => roleLabel[r]).join(', ') : 'None'}
        </dd>
        <dt>Joined</dt>
        <dd>
          <time dateTime={user.createdAt}>{when(user.createdAt)}</time>
        </dd>
      </dl>
      {actions.length ? (
        <Group gap="xs" wrap="wrap">
          {actions.map((a) => (
            <Button
              key={a.key}
              size="sm"
              variant={a.key === 'off' ? 'outline' : 'default'}
              color={a.key === 'off' ? 'red.8' : undefined}
              onClick={() => ask(a.change)}
            >
              {a.label}
            </Button>
          ))}
        </Group>
      ) : (
        <Text size="sm">
          {user.isYou
            ? 'Your own account is managed on your account page.'
            : 'Nothing can be changed here.'}
        </Text>
      )}
      {asking ? (
        <ConfirmChange user={user} confirmation={asking} onClose={() => setAsking(null)} />
      ) : null}
    </Stack>
  );
}

/** Asks before a change, with an optional reason for the audit log. */
function ConfirmChange({
  user,
  confirmation: c,
  onClose,
}: {
  user: AdminUser;
  confirmation: Confirmation;
  onClose: () => void;
}) {
  const mutation = useChangeUser();
  return (
    <ReasonDialog
      title={c.title}
      explanation={c.explanation}
      confirmLabel={c.confirm}
      danger={c.danger}
      pending={mutation.isPending}
      error={mutation.error}
      onConfirm={(reason) =>
        mutation.mutate({ user, change: c.change, reason }, { onSuccess: onClose })
      }
      onClose={onClose}
    />
  );
}
