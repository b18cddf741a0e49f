import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useInviteFirstEventAdmin, type EventDetails } from '../../api/events';
import { DetailsList } from '../../components/details-list';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { Section } from '../../components/section';
import { formatInstant } from '../shared/instant';
import { firstAdminBody, FirstAdminFields, type FirstAdmin } from './first-admin-fields';

/**
 * An event with no team yet (created by a system admin): the invitation of its first event admin
 * that is waiting, and a form to send one (a new one replaces the one waiting).
 */
export function FirstAdminInvitation({ event }: { event: EventDetails }) {
  const pending = event.adminInvitation;
  if (!event.can.inviteFirstAdmin && !pending) return null;
  return (
    <Section title="First event admin">
      <Text size="sm">
        {event.can.inviteFirstAdmin
          ? 'This event has no team yet. The person you invite becomes its first event admin when they accept, and runs it from there.'
          : 'This event has no team yet: its first event admin has been invited.'}
      </Text>
      {pending ? (
        <DetailsList
          items={[
            { term: 'Invited', value: pending.email },
            {
              term: 'Sent',
              value: <time dateTime={pending.createdAt}>{formatInstant(pending.createdAt)}</time>,
            },
            {
              term: pending.expired ? 'Expired' : 'Expires',
              value: <time dateTime={pending.expiresAt}>{formatInstant(pending.expiresAt)}</time>,
            },
          ]}
        />
      ) : null}
      {pending?.expired ? (
        <Alert color="yellow" title="The invitation has expired">
          Send a new one: the person can no longer accept the old link.
        </Alert>
      ) : null}
      {event.can.inviteFirstAdmin ? <InviteForm event={event} again={pending !== null} /> : null}
    </Section>
  );
}

function InviteForm({ event, again }: { event: EventDetails; again: boolean }) {
  const [value, setValue] = useState<FirstAdmin>({ email: '', message: '' });
  const invite = useInviteFirstEventAdmin(event.id);
  const { fieldError, showAlert } = formErrors(invite.error, ['email', 'message']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate(firstAdminBody(value), {
      onSuccess: () => setValue({ email: '', message: '' }),
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={invite.error} title="No invitation was sent" /> : null}
        <FirstAdminFields
          value={value}
          onChange={(v) => {
            setValue(v);
            if (invite.isSuccess) invite.reset();
          }}
          required
          emailError={fieldError('email')}
          messageError={fieldError('message')}
        />
        <Group gap="sm">
          <Button type="submit" loading={invite.isPending}>
            {again ? 'Send a new invitation' : 'Send invitation'}
          </Button>
          <Text size="sm" role="status">
            {invite.isSuccess ? `Invitation sent to ${invite.variables.email}.` : ''}
          </Text>
        </Group>
        {again ? (
          <Text size="sm" c="dimmed">
            A new invitation replaces the one waiting: its link stops working.
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}
