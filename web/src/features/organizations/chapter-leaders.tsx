import { useState, type FormEvent } from 'react';
import { Avatar, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import {
  useAddLeader,
  useRemoveLeader,
  type Chapter,
  type ChapterLeader,
} from '../../api/chapters';
import { ErrorAlert } from '../../components/error-alert';
import { fromLocalInput } from '../teams/expiry';
import { formErrors } from '../../components/form-errors';
import { ReasonDialog } from '../../components/reason-dialog';
import { formatInstant } from '../shared/instant';
import classes from './organization-list.module.css';

/** A chapter's leaders; removing one (where allowed) and adding one by email (where allowed). */
export function ChapterLeaders({ chapter }: { chapter: Chapter }) {
  const [removing, setRemoving] = useState<ChapterLeader | null>(null);
  return (
    <Stack gap="sm">
      {chapter.leaders.length === 0 ? (
        <Text>No leader yet.</Text>
      ) : (
        <Stack component="ul" gap="xs" className={classes.list}>
          {chapter.leaders.map((leader) => (
            <Paper component="li" key={leader.userId} withBorder p="xs" radius="md">
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
                {leader.canRemove ? (
                  <Button
                    variant="outline"
                    color="red.8"
                    size="xs"
                    onClick={() => setRemoving(leader)}
                    aria-label={`Remove ${leader.name}`}
                  >
                    Remove
                  </Button>
                ) : null}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {chapter.can.manageLeaders ? <AddLeaderForm chapter={chapter} /> : null}
      {removing ? (
        <RemoveLeader chapter={chapter} leader={removing} onClose={() => setRemoving(null)} />
      ) : null}
    </Stack>
  );
}

function RemoveLeader({
  chapter,
  leader,
  onClose,
}: {
  chapter: Chapter;
  leader: ChapterLeader;
  onClose: () => void;
}) {
  const remove = useRemoveLeader(chapter.id);
  return (
    <ReasonDialog
      title={`Remove ${leader.name} as a leader of ${chapter.name}?`}
      explanation="They stop leading the chapter at once, with what that gave them in its events. Their other roles stay."
      confirmLabel="Remove leader"
      danger
      pending={remove.isPending}
      error={remove.error}
      onConfirm={(reason) =>
        remove.mutate({ userId: leader.userId, reason }, { onSuccess: onClose })
      }
      onClose={onClose}
    />
  );
}

function AddLeaderForm({ chapter }: { chapter: Chapter }) {
  const [email, setEmail] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const add = useAddLeader(chapter.id);
  const { fieldError, showAlert } = formErrors(add.error, ['email', 'expiresAt']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = fromLocalInput(endsAt);
    add.mutate(expiresAt ? { email, expiresAt } : { email }, {
      onSuccess: () => {
        setEmail('');
        setEndsAt('');
      },
    });
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
        <Group gap="sm">
          <Button type="submit" variant="default" loading={add.isPending}>
            Add leader
          </Button>
          <Text size="sm" role="status">
            {add.isSuccess ? `${add.variables.email} now leads the chapter.` : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
