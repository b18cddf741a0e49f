import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useCreateLocation, type Location } from '../../api/places';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { RegionPicker } from './region-picker';

/**
 * A new location: its name, address and region (all public). Used on the locations page and
 * inside other forms (an event's location picker), so its submit goes no further than itself.
 */
export function NewLocationForm({
  onCreated,
  onCancel,
}: {
  onCreated: (location: Location) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [region, setRegion] = useState<{ id: string; name: string } | null>(null);
  const create = useCreateLocation();
  const { fieldError, showAlert } = formErrors(create.error, ['name', 'address', 'regionId']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A form in a dialog is still inside its opener's form in React's tree.
    event.stopPropagation();
    create.mutate(
      { name, address, regionId: region?.id ?? null },
      { onSuccess: ({ location }) => onCreated(location) },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New location">
      <Stack gap="sm">
        {showAlert ? (
          <ErrorAlert error={create.error} title="The location was not created" />
        ) : null}
        <TextInput
          label="Name"
          description="As people know the place: a venue, a hall, a café."
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
        />
        <Textarea
          label="Address (optional)"
          description="Public: shown with every event held there."
          rows={2}
          maxLength={500}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={fieldError('address')}
        />
        <RegionPicker
          label="Region (optional)"
          description="Its leaders look after the locations in it."
          value={region}
          onChange={setRegion}
          error={fieldError('regionId')}
        />
        <Group gap="sm">
          <Button type="submit" loading={create.isPending}>
            Create location
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
