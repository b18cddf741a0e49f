import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useArchiveLocation, useDeleteLocation, type Location } from '../../api/places';
import { ReasonDialog } from '../../components/reason-dialog';

/**
 * Archives a location (it stays on the events that used it but leaves the picker) or brings it
 * back, after asking.
 */
export function ArchiveLocation({ location }: { location: Location }) {
  const [asking, setAsking] = useState(false);
  const change = useArchiveLocation(location.id);
  const archive = !location.archived;
  const close = () => {
    change.reset();
    setAsking(false);
  };
  return (
    <>
      <Text size="sm">
        {archive
          ? 'Archiving keeps the location on the events that used it, but no longer offers it for new ones.'
          : 'This location is archived: it stays on the events that used it, and is not offered for new ones.'}
        {/* Only one thing keeps someone signed in from deleting it: an event uses it. */}
        {!location.can.delete
          ? ' Events use it, so it cannot be deleted: archiving is the way to retire it.'
          : ''}
      </Text>
      <Group gap="sm">
        <Button variant="default" onClick={() => setAsking(true)}>
          {archive ? 'Archive location' : 'Unarchive location'}
        </Button>
        <Text size="sm" role="status">
          {change.isSuccess ? (location.archived ? 'Archived.' : 'Back in use.') : ''}
        </Text>
      </Group>
      {asking ? (
        <ReasonDialog
          title={archive ? `Archive ${location.name}?` : `Unarchive ${location.name}?`}
          explanation={
            archive
              ? 'Events already there keep it; nobody can choose it for an event or session until it is unarchived.'
              : 'It can be chosen again for events and sessions.'
          }
          confirmLabel={archive ? 'Archive' : 'Unarchive'}
          pending={change.isPending}
          error={change.error}
          onConfirm={(reason) =>
            change.mutate({ archive, reason }, { onSuccess: () => setAsking(false) })
          }
          onClose={close}
        />
      ) : null}
    </>
  );
}

/**
 * Deletes a location after asking; then back to the locations. Shown only when `can.delete`
 * (no event or session uses it); should one choose it meanwhile, the server says in_use.
 */
export function DeleteLocation({ location }: { location: Location }) {
  const [asking, setAsking] = useState(false);
  const navigate = useNavigate();
  const remove = useDeleteLocation(location.id);
  return (
    <>
      <Text size="sm">
        No event uses this location, so it can be deleted. This cannot be undone.
      </Text>
      <Group>
        <Button variant="outline" color="red.8" onClick={() => setAsking(true)}>
          Delete location
        </Button>
      </Group>
      {asking ? (
        <ReasonDialog
          title={`Delete the location ${location.name}?`}
          explanation="The location and its private details are removed. This cannot be undone."
          confirmLabel="Delete location"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={(reason) =>
            remove.mutate(reason, {
              onSuccess: () =>
                navigate('/locations', {
                  state: { notice: `The location ${location.name} is deleted.` },
                }),
            })
          }
          onClose={() => {
            remove.reset();
            setAsking(false);
          }}
        />
      ) : null}
    </>
  );
}
