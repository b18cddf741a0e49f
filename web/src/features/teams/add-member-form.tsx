import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useAddMember, type TeamKind } from '../../api/teams';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { roleLabel } from '../shared/role-label';
import { fromLocalInput, localInputIn } from './expiry';
import { RoleSelect } from './role-select';

// Only to tell "no account uses this address" (worth an invitation) from a mistyped address.
const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());

/**
 * Adds someone who already has a Steward account, by email, to a role the caller may give, with
 * an optional end date and reason. When no account uses the address, offers an email invitation
 * instead (where the caller may send one).
 */
export function AddMemberForm({
  kind,
  id,
  roles,
  onInviteInstead,
}: {
  kind: TeamKind;
  id: string;
  roles: readonly string[];
  onInviteInstead?: ((email: string) => void) | undefined;
}) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState(roles.at(-1) ?? '');
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const add = useAddMember(kind, id);
  const { fieldError, showAlert } = formErrors(add.error, ['email', 'role', 'expiresAt', 'reason']);
  const emailError = fieldError('email');
  const offerInvite = Boolean(
    emailError && onInviteInstead && looksLikeEmail(add.variables?.email ?? ''),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { email, role, expiresAt: fromLocalInput(until), reason },
      {
        onSuccess: () => {
          setEmail('');
          setUntil('');
          setReason('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add someone">
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={add.error} title="Nobody was added" /> : null}
        <TextInput
          label="Email"
          description="Of someone with a Steward account."
          type="email"
          required
          autoComplete="off"
          maxLength={320}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={emailError}
        />
        {offerInvite ? (
          <Alert color="blue" title="Invite them instead?">
            <Stack gap="xs">
              <Text size="sm">
                An email invitation lets them create an account and join in one go.
              </Text>
              <div>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => onInviteInstead?.(add.variables?.email ?? email)}
                >
                  Invite {add.variables?.email} by email
                </Button>
              </div>
            </Stack>
          </Alert>
        ) : null}
        <RoleSelect roles={roles} value={role} onChange={setRole} error={fieldError('role')} />
        <TextInput
          type="datetime-local"
          label="Role ends (optional)"
          description="In your own time zone. Empty: no end date."
          value={until}
          min={localInputIn(0)}
          onChange={(e) => setUntil(e.currentTarget.value)}
          error={fieldError('expiresAt')}
        />
        <Textarea
          label="Reason (optional)"
          description="Kept in the audit log."
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError('reason')}
        />
        <Group gap="sm">
          <Button type="submit" loading={add.isPending}>
            Add to the team
          </Button>
          <Text size="sm" role="status">
            {add.isSuccess ? `${add.data.name} is now ${roleLabel(add.data.role)}.` : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
