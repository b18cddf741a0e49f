import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useInviteFirstAdmin, type Organization } from '../../api/organizations';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { formatInstant } from '../shared/instant';

/**
 * The first org_admin's invitation while nobody has accepted it: where it went and until when,
 * and (for system admins) a form to invite again, which replaces it.
 */
export function FirstAdminInvitation({ organization }: { organization: Organization }) {
  const invitation = organization.adminInvitation;
  return (
    <Stack gap="sm">
      {invitation ? (
        <Text>
          An invitation to <strong>{invitation.email}</strong> has waited since{' '}
          {formatInstant(invitation.createdAt)}.{' '}
          {invitation.expired
            ? 'It has expired: invite again.'
            : `It can be accepted until ${formatInstant(invitation.expiresAt)}.`}
        </Text>
      ) : (
        <Text>Nobody manages this organization yet.</Text>
      )}
      {organization.can.inviteFirstAdmin ? (
        <InviteAgainForm orgId={organization.id} email={invitation?.email ?? ''} />
      ) : null}
    </Stack>
  );
}

function InviteAgainForm({ orgId, email: sentTo }: { orgId: string; email: string }) {
  const [email, setEmail] = useState(sentTo);
  const [message, setMessage] = useState('');
  const invite = useInviteFirstAdmin(orgId);
  const { fieldError, showAlert } = formErrors(invite.error, ['email', 'message']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email, ...(message.trim() ? { message } : {}) });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Invite the first admin">
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={invite.error} title="No invitation was sent" /> : null}
        <TextInput
          label="Email of the first organization admin"
          description={
            sentTo
              ? 'A new invitation replaces the waiting one: its link stops working.'
              : undefined
          }
          type="email"
          required
          autoComplete="off"
          maxLength={320}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError('email')}
        />
        <Textarea
          label="Personal message (optional)"
          rows={2}
          maxLength={1000}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          error={fieldError('message')}
        />
        <Group>
          <Button type="submit" variant="default" loading={invite.isPending}>
            {sentTo ? 'Invite again' : 'Send invitation'}
          </Button>
          <Text size="sm" role="status">
            {invite.isSuccess ? `An invitation is on its way to ${invite.variables.email}.` : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
