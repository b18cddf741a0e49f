import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useDeleteRegion, type Region } from '../../api/places';
import { ReasonDialog } from '../../components/reason-dialog';
import { locationsCount } from './region-list';

/**
 * Deletes a region after asking; then back to the regions. A region with locations cannot be
 * deleted (the server refuses with not_empty): the page says so instead of offering it.
 */
export function DeleteRegion({ region }: { region: Region }) {
  const [asking, setAsking] = useState(false);
  const navigate = useNavigate();
  const remove = useDeleteRegion(region.id);
  if (region.locationCount > 0) {
    return (
      <Text size="sm">
        This region has {locationsCount(region.locationCount)} (archived ones count too). A region
        with locations cannot be deleted: move them to another region or delete them first.
      </Text>
    );
  }
  return (
    <>
      <Text size="sm">
        The region has no locations, so it can be deleted. This cannot be undone.
      </Text>
      <Group>
        <Button variant="outline" color="red.8" onClick={() => setAsking(true)}>
          Delete region
        </Button>
      </Group>
      {asking ? (
        <ReasonDialog
          title={`Delete the region ${region.name}?`}
          explanation="The region and its leaders' roles in it are removed. This cannot be undone."
          confirmLabel="Delete region"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={(reason) =>
            remove.mutate(reason, {
              onSuccess: () =>
                navigate('/regions', {
                  state: { notice: `The region ${region.name} is deleted.` },
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
