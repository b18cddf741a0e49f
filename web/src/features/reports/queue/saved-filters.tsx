import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import {
  sameFilters,
  useDeleteFilter,
  useSaveFilter,
  useSavedFilters,
} from '../../../api/report-lists';
import type { QueueFilters, SavedFilter } from '../../../api/report-types';
import { ErrorAlert } from '../../../components/error-alert';

/**
 * The caller's saved filters for this queue: each applies with one tap (the one in use is marked),
 * and can be forgotten; the filters in use can be saved under a name (an existing name is replaced).
 */
export function SavedFilters({
  eventId,
  current,
  onApply,
}: {
  eventId: string;
  current: QueueFilters;
  onApply: (filters: QueueFilters) => void;
}) {
  const saved = useSavedFilters(eventId, { enabled: true });
  const save = useSaveFilter(eventId);
  const remove = useDeleteFilter(eventId);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    save.mutate(
      { name: trimmed, query: current },
      {
        onSuccess: (filter) => {
          setNaming(false);
          setName('');
          setStatus(`Saved as “${filter.name}”.`);
        },
      },
    );
  };
  const forget = (filter: SavedFilter) =>
    remove.mutate(filter.id, { onSuccess: () => setStatus(`“${filter.name}” is forgotten.`) });

  const items = saved.data ?? [];
  return (
    <Stack gap="xs">
      {saved.error ? (
        <ErrorAlert error={saved.error} title="Your saved filters could not be loaded" />
      ) : null}
      {items.length > 0 ? (
        <Group
          gap="xs"
          wrap="wrap"
          component="ul"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {items.map((f) => {
            const inUse = sameFilters(f.query, current);
            return (
              <Group key={f.id} component="li" gap={2} wrap="nowrap">
                <Button
                  variant={inUse ? 'filled' : 'light'}
                  radius="xl"
                  aria-pressed={inUse}
                  onClick={() => {
                    onApply(f.query);
                    setStatus(`Showing “${f.name}”.`);
                  }}
                >
                  {f.name}
                </Button>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  c="dark.7"
                  size="input-sm"
                  aria-label={`Forget the saved filter “${f.name}”`}
                  loading={remove.isPending && remove.variables === f.id}
                  onClick={() => forget(f)}
                >
                  <span aria-hidden>×</span>
                </ActionIcon>
              </Group>
            );
          })}
        </Group>
      ) : saved.data ? (
        <Text size="sm" c="dimmed">
          Save filters you use often to come back to them with one tap.
        </Text>
      ) : null}
      {remove.error ? (
        <ErrorAlert error={remove.error} title="The filter was not forgotten" />
      ) : null}
      {naming ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <TextInput
              label="Name for these filters"
              description="Only you see your saved filters. Saving under a name in use replaces it."
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={60}
              required
              autoFocus
            />
            {save.error ? (
              <ErrorAlert error={save.error} title="The filters were not saved" />
            ) : null}
            <Group gap="sm">
              <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
                Save
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setNaming(false);
                  save.reset();
                }}
              >
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <div>
          <Button variant="default" onClick={() => setNaming(true)}>
            Save these filters…
          </Button>
        </div>
      )}
      <Text size="sm" role="status" aria-live="polite">
        {status}
      </Text>
    </Stack>
  );
}
