import { useState, type FormEvent } from 'react';
import { Avatar, Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import type { Leader, LeaderAddition, LeaderRemoval } from '../../api/leaders';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { ReasonDialog } from '../../components/reason-dialog';
import { fromLocalInput } from '../teams/expiry';
import { formatInstant } from './instant';
import classes from './scope-leaders.module.css';

/**
 * The leaders of a chapter or a region: removing one (where allowed, with a reason) and adding
 * one by email with an optional end and reason (where allowed). The scope's own API calls come
 * in as mutations.
 */
export function ScopeLeaders({
  scope,
  leaders,
  canManage,
  add,
  remove,
  removeExplanation,
}: {
  /** What is led, as a sentence names it: "the chapter", "the region". */
  scope: { noun: string; name: string };
  leaders: Leader[];
  canManage: boolean;
  add: UseMutationResult<unknown, Error, LeaderAddition>;
  remove: UseMutationResult<unknown, Error, LeaderRemoval>;
  /** What removing a leader means here. */
  removeExplanation: string;
}) {
  const [removing, setRemoving] = useState<{ userId: string; name: string } | null>(null);
  const close = () => {
    remove.reset();
    setRemoving(null);
  };
  return (
    <Stack gap="sm">
      {leaders.length === 0 ? (
        <Text>No leader yet.</Text>
      ) : (
        <Stack component="ul" gap="xs" className={classes.list}>
          {leaders.map((leader, index) => {
            // Only those who may remove a leader are told who they are.
            const removable = leader.canRemove ? leader.userId : null;
            return (
              <Paper
                component="li"
                // Without an id (for those who do not manage them), their place in the list.
                key={leader.userId ?? `leader-${index}`}
                withBorder
                p="xs"
                radius="md"
              >
                <Group gap="sm" wrap="nowrap" justify="space-between">
                  <Group gap="sm" wrap="nowrap" miw={0}>
                    <Avatar
                      src={leader.image}
                      alt=""
                      aria-hidden
                      name={leader.name}
                      color="blue.8"
                      variant="filled"
                      size={32}
                    />
                    <Stack gap={0} miw={0}>
                      <Text fw={600} className={classes.name}>
                        {leader.name}
                      </Text>
                      <Text size="sm" c="dimmed">
                        Since {formatInstant(leader.grantedAt)}
                        {leader.expiresAt ? `, until ${formatInstant(leader.expiresAt)}` : ''}
                      </Text>
                    </Stack>
                  </Group>
                  {removable ? (
                    <Button
                      variant="outline"
                      color="red.8"
                      size="xs"
                      onClick={() => setRemoving({ userId: removable, name: leader.name })}
                      aria-label={`Remove ${leader.name}`}
                    >
                      Remove
                    </Button>
                  ) : null}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
      {canManage ? <AddLeaderForm scope={scope} add={add} /> : null}
      {removing ? (
        <ReasonDialog
          title={`Remove ${removing.name} as a leader of ${scope.name}?`}
          explanation={removeExplanation}
          confirmLabel="Remove leader"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={(reason) =>
            remove.mutate({ userId: removing.userId, reason }, { onSuccess: close })
          }
          onClose={close}
        />
      ) : null}
    </Stack>
  );
}

function AddLeaderForm({
  scope,
  add,
}: {
  scope: { noun: string };
  add: UseMutationResult<unknown, Error, LeaderAddition>;
}) {
  const [email, setEmail] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [reason, setReason] = useState('');
  const { fieldError, showAlert } = formErrors(add.error, ['email', 'expiresAt', 'reason']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = fromLocalInput(endsAt);
    // Only what was given: an empty end or reason is no end, no reason.
    add.mutate(
      { email, ...(expiresAt ? { expiresAt } : {}), ...(reason.trim() ? { reason } : {}) },
      {
        onSuccess: () => {
          setEmail('');
          setEndsAt('');
          setReason('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add a leader">
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={add.error} title="No leader was added" /> : null}
        <TextInput
          label="Add a leader by email"
          description="Someone with a Steward account."
          type="email"
          required
          autoComplete="off"
          maxLength={320}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError('email')}
        />
        <TextInput
          label="Leads until (optional)"
          description="The role ends by itself then. Leave empty for no end."
          type="datetime-local"
          value={endsAt}
          onChange={(e) => setEndsAt(e.currentTarget.value)}
          error={fieldError('expiresAt')}
        />
        <Textarea
          label="Reason (optional)"
          description="Kept in the audit log with the change."
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError('reason')}
        />
        <Group gap="sm">
          <Button type="submit" variant="default" loading={add.isPending}>
            Add leader
          </Button>
          <Text size="sm" role="status">
            {add.isSuccess ? `${add.variables.email} now leads ${scope.noun}.` : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
