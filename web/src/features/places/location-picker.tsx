import { useState, type ReactNode } from 'react';
import { Button, Modal, Stack } from '@mantine/core';
import { useLocations, type LocationRef } from '../../api/places';
import { locationLine } from './location-line';
import { NewLocationForm } from './new-location-form';
import { ServerSearchSelect, type SearchAnswer } from './server-search-select';

/** How many locations the picker shows at a time: typing narrows the rest. */
const SHOWN = 20;

/** The picker's search: never archived locations (the list's default leaves them out). */
function useLocationSearch(q: string, enabled: boolean): SearchAnswer<LocationRef> {
  const locations = useLocations({ q, page: 1, pageSize: SHOWN }, { enabled });
  return {
    items: locations.data?.items,
    isPending: locations.isPending,
    isError: locations.isError,
  };
}

/** "Town Hall (archived)": an archived location is only ever the one already chosen. */
export const locationLabel = (location: LocationRef) =>
  location.archived ? `${location.name} (archived)` : location.name;

/** Under an option's name: where it is. */
const locationWhere = (location: LocationRef) => locationLine(location, { named: false });

const toRef = ({ id, name, address, region, archived }: LocationRef): LocationRef => ({
  id,
  name,
  address,
  region,
  archived,
});

/**
 * A searchable choice of location (or none), searched on the server. Archived locations are never
 * offered; the one already chosen stays shown, marked, even when archived. A location that is not
 * there yet can be created on the spot (`canCreate`: anyone signed in).
 */
export function LocationPicker({
  label,
  description,
  value,
  onChange,
  error,
  canCreate = true,
}: {
  label: string;
  description?: ReactNode;
  value: LocationRef | null;
  onChange: (location: LocationRef | null) => void;
  error?: ReactNode;
  canCreate?: boolean;
}) {
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap={4}>
      <ServerSearchSelect
        label={label}
        description={description}
        placeholder="Type to search"
        value={value}
        onChange={(location) => onChange(location ? toRef(location) : null)}
        error={error}
        useSearch={useLocationSearch}
        optionLabel={locationLabel}
        optionDetail={locationWhere}
        nothingFound={(q) => (q ? `No location matches “${q}”.` : 'There are no locations yet.')}
      />
      {canCreate ? (
        <div>
          {/* The usual size: a compact button is too small a target on a phone. */}
          <Button variant="default" size="sm" onClick={() => setCreating(true)}>
            New location…
          </Button>
        </div>
      ) : null}
      {creating ? (
        <Modal
          opened
          onClose={() => setCreating(false)}
          title="New location"
          centered
          closeButtonProps={{ 'aria-label': 'Close' }}
        >
          <NewLocationForm
            onCreated={(location) => {
              onChange(toRef(location));
              setCreating(false);
            }}
            onCancel={() => setCreating(false)}
          />
        </Modal>
      ) : null}
    </Stack>
  );
}
