import { useState, type FormEvent } from 'react';
import { Stack, Textarea, TextInput } from '@mantine/core';
import { useUpdateLocation, type Location } from '../../api/places';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { SaveButton } from '../shared/save-button';
import { RegionPicker } from './region-picker';

/** A location's public details: name, address, region; only what changed is sent. */
export function LocationDetailsForm({ location }: { location: Location }) {
  const [name, setName] = useState(location.name);
  const [address, setAddress] = useState(location.address);
  const [region, setRegion] = useState(location.region);
  const save = useUpdateLocation(location.id);
  // A move hands the private details to the new region's leaders, so while the location has any,
  // only those who may change them move it (403 otherwise). Those who may not cannot see whether
  // it has any: they are told beforehand, and a refusal of a move shows at the region.
  const mayMoveFreely = location.can.updatePrivate;
  const { fieldError, showAlert } = formErrors(
    save.error,
    ['name', 'address', 'regionId'],
    !mayMoveFreely && save.variables?.regionId !== undefined ? { forbidden: 'regionId' } : {},
  );
  const change = {
    ...(name !== location.name ? { name } : {}),
    ...(address !== location.address ? { address } : {}),
    ...((region?.id ?? null) !== (location.region?.id ?? null)
      ? { regionId: region?.id ?? null }
      : {}),
  };
  const changed = Object.keys(change).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(change, {
      // As the server keeps them (trimmed).
      onSuccess: ({ location: saved }) => {
        setName(saved.name);
        setAddress(saved.address);
        setRegion(saved.region);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Basic details">
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={save.error} title="The location was not changed" /> : null}
        <TextInput
          label="Name"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
        />
        <Textarea
          label="Address"
          description="Public: shown with every event held there."
          rows={2}
          maxLength={500}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={fieldError('address')}
        />
        <RegionPicker
          label="Region"
          description={
            mayMoveFreely
              ? 'Its leaders look after the location and see its private details.'
              : "Its leaders look after the location and see its private details. If it has any, only its region's leaders or a system admin can move it to another region."
          }
          value={region}
          onChange={setRegion}
          error={fieldError('regionId')}
        />
        <SaveButton
          label="Save"
          pending={save.isPending}
          saved={save.isSuccess && !changed}
          disabled={!changed}
        />
      </Stack>
    </form>
  );
}
