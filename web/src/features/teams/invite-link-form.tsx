import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useCreateInviteLink, type InviteLink } from '../../api/joining';
import type { TeamKind } from '../../api/teams';
import { ErrorAlert } from '../../components/error-alert';
import { ShownOnceField } from '../../components/shown-once-field';
import { formErrors } from '../../components/form-errors';
import { formatInstant } from '../shared/instant';
import { roleLabel } from '../shared/role-label';
import { fromLocalInput, localInputIn } from './expiry';
import { RoleSelect } from './role-select';

/** How long a new link works unless changed, and the longest the server allows. */
const DEFAULT_DAYS = 7;
const MAX_DAYS = 90;

/**
 * Creates an invite link (a role, when it stops working, how many may use it, a note for the
 * team). Its address exists only in the server's answer: it is shown here once, to copy.
 */
export function InviteLinkForm({
  kind,
  id,
  roles,
}: {
  kind: TeamKind;
  id: string;
  roles: readonly string[];
}) {
  const [role, setRole] = useState(roles.at(-1) ?? '');
  const [until, setUntil] = useState(() => localInputIn(DEFAULT_DAYS));
  const [maxUses, setMaxUses] = useState('10');
  const [note, setNote] = useState('');
  // The address of the link just made: kept in this component only, gone once dismissed.
  const [created, setCreated] = useState<{ link: InviteLink; url: string } | null>(null);
  const create = useCreateInviteLink(kind, id);
  const { fieldError, showAlert } = formErrors(create.error, [
    'role',
    'expiresAt',
    'maxUses',
    'note',
  ]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate(
      {
        role,
        expiresAt: fromLocalInput(until) ?? '',
        maxUses: Number(maxUses),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: (answer) => {
          setCreated(answer);
          setNote('');
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      {created ? <NewLink {...created} onDone={() => setCreated(null)} /> : null}
      <form onSubmit={submit} noValidate aria-label="Create an invite link">
        <Stack gap="sm">
          {showAlert ? <ErrorAlert error={create.error} title="No link was created" /> : null}
          <RoleSelect roles={roles} value={role} onChange={setRole} error={fieldError('role')} />
          <TextInput
            type="datetime-local"
            label="Works until"
            description={`In your own time zone; at most ${MAX_DAYS} days from now.`}
            required
            value={until}
            min={localInputIn(0)}
            max={localInputIn(MAX_DAYS)}
            onChange={(e) => setUntil(e.currentTarget.value)}
            error={fieldError('expiresAt')}
          />
          <TextInput
            type="number"
            label="How many people may use it"
            description="From 1 to 1,000."
            required
            min={1}
            max={1000}
            step={1}
            inputMode="numeric"
            value={maxUses}
            onChange={(e) => setMaxUses(e.currentTarget.value)}
            error={fieldError('maxUses')}
          />
          <TextInput
            label="Note (optional)"
            description="For the team: where you share it, for whom."
            maxLength={200}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldError('note')}
          />
          <div>
            <Button type="submit" loading={create.isPending}>
              Create link
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}

/** The new link's address, shown this once with a copy button. */
function NewLink({ link, url, onDone }: { link: InviteLink; url: string; onDone: () => void }) {
  const uses = link.maxUses === 1 ? 'once' : `up to ${link.maxUses} times`;
  return (
    <Alert color="green" title="Your new invite link" role="status">
      <Stack gap="sm">
        <Text size="sm">
          Anyone with this link can join as {roleLabel(link.role)}, {uses}, until{' '}
          {formatInstant(link.expiresAt)}. <strong>Copy it now: it will not be shown again.</strong>
        </Text>
        <ShownOnceField label="Invite link" value={url} copyLabel="Copy link" onDone={onDone} />
      </Stack>
    </Alert>
  );
}
