import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { ApiError } from '../../api/client';
import { useSendInvitations, type SentInvitation } from '../../api/joining';
import type { TeamKind } from '../../api/teams';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { formatInstant } from '../shared/instant';
import { RoleSelect } from './role-select';

/** The addresses typed or pasted: one per line, or separated by commas, semicolons or spaces. */
export const splitEmails = (text: string) => [
  ...new Set(text.split(/[\s,;]+/).filter((s) => s.length > 0)),
];

/**
 * The server's complaints about the addresses (`body.emails` or one of them, `body.emails.2`),
 * naming each bad address, for the addresses field.
 */
function emailsError(error: unknown, sent: string[] | undefined): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = error.details
    .filter((d) => d.field === 'body.emails' || d.field?.startsWith('body.emails.'))
    .map((d) => {
      const index = Number(d.field?.slice('body.emails.'.length));
      const address = Number.isInteger(index) ? sent?.[index] : undefined;
      return address ? `${address}: ${d.message}` : d.message;
    });
  return messages.length > 0 ? messages.join('. ') : undefined;
}

const sentText = (sent: SentInvitation[]) =>
  `Sent to ${sent.map((i) => i.email).join(', ')}` +
  (sent[0] ? `, to accept until ${formatInstant(sent[0].expiresAt)}.` : '.');

/** Whether every complaint of the server is about a field this form shows. */
const allAtFields = (error: unknown) =>
  error instanceof ApiError &&
  error.details.length > 0 &&
  error.details.every((d) => /^body\.(emails(\.\d+)?|role|message)$/.test(d.field ?? ''));

/** Invites one or more addresses to a role the caller may give, with a personal message. */
export function InviteByEmail({
  kind,
  id,
  roles,
  initialEmails = '',
}: {
  kind: TeamKind;
  id: string;
  roles: readonly string[];
  /** Addresses to start with (from "invite them instead"); the field then takes focus. */
  initialEmails?: string;
}) {
  const [emails, setEmails] = useState(initialEmails);
  const [role, setRole] = useState(roles.at(-1) ?? '');
  const [message, setMessage] = useState('');
  const send = useSendInvitations(kind, id);
  const addressesError = emailsError(send.error, send.variables?.emails);
  const { fieldError } = formErrors(send.error, ['role', 'message']);
  const alert = Boolean(send.error) && !allAtFields(send.error);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    // Sent here from "invite them instead": the addresses are filled in, ready to check.
    if (initialEmails) field.current?.focus();
  }, [initialEmails]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate(
      { emails: splitEmails(emails), role, ...(message.trim() ? { message: message.trim() } : {}) },
      {
        onSuccess: () => {
          setEmails('');
          setMessage('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Invite by email">
      <Stack gap="sm">
        {alert ? <ErrorAlert error={send.error} title="No invitation was sent" /> : null}
        <Textarea
          label="Email addresses"
          description="One per line, or separated by commas; up to 50 at once."
          required
          rows={3}
          autoComplete="off"
          ref={field}
          value={emails}
          onChange={(e) => setEmails(e.currentTarget.value)}
          error={addressesError}
        />
        <RoleSelect roles={roles} value={role} onChange={setRole} error={fieldError('role')} />
        <Textarea
          label="Personal message (optional)"
          description="Included in the email."
          rows={3}
          maxLength={1000}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          error={fieldError('message')}
        />
        <Group gap="sm">
          <Button type="submit" loading={send.isPending}>
            Send invitations
          </Button>
          <Text size="sm" role="status">
            {send.isSuccess ? sentText(send.data) : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
