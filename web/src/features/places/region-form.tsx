import { useState, type FormEvent } from 'react';
import { Stack, Textarea, TextInput } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useCreateRegion, useUpdateRegion, type Region } from '../../api/places';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { SaveButton } from '../shared/save-button';

const fields = ['name', 'description'];

/** A region's name and description, as both forms below ask for them. */
function RegionFields({
  name,
  description,
  onName,
  onDescription,
  fieldError,
}: {
  name: string;
  description: string;
  onName: (value: string) => void;
  onDescription: (value: string) => void;
  fieldError: (field: string) => string | undefined;
}) {
  return (
    <>
      <TextInput
        label="Name"
        description="A city, an area or a country: where its locations are."
        required
        maxLength={120}
        value={name}
        onChange={(e) => onName(e.currentTarget.value)}
        error={fieldError('name')}
      />
      <Textarea
        label="Description (optional)"
        rows={3}
        resize="vertical"
        maxLength={5000}
        value={description}
        onChange={(e) => onDescription(e.currentTarget.value)}
        error={fieldError('description')}
      />
    </>
  );
}

/** Creates a region, whose leader the creator becomes, and opens it. */
export function NewRegionForm() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useCreateRegion();
  const navigate = useNavigate();
  const { fieldError, showAlert } = formErrors(create.error, fields);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, description },
      {
        onSuccess: ({ region }) =>
          navigate(`/regions/${encodeURIComponent(region.id)}`, {
            state: { notice: `The region ${region.name} is created. You lead it.` },
          }),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New region">
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={create.error} title="The region was not created" /> : null}
        <RegionFields
          name={name}
          description={description}
          onName={setName}
          onDescription={setDescription}
          fieldError={fieldError}
        />
        <SaveButton label="Create region" pending={create.isPending} saved={false} />
      </Stack>
    </form>
  );
}

/** A region's name and description; only what changed is sent. */
export function RegionDetailsForm({ region }: { region: Region }) {
  const [name, setName] = useState(region.name);
  const [description, setDescription] = useState(region.description);
  const save = useUpdateRegion(region.id);
  const { fieldError, showAlert } = formErrors(save.error, fields);
  const change = {
    ...(name !== region.name ? { name } : {}),
    ...(description !== region.description ? { description } : {}),
  };
  const changed = Object.keys(change).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(change, {
      // As the server keeps them (trimmed).
      onSuccess: ({ region: saved }) => {
        setName(saved.name);
        setDescription(saved.description);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Name and description">
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={save.error} title="The region was not changed" /> : null}
        <RegionFields
          name={name}
          description={description}
          onName={setName}
          onDescription={setDescription}
          fieldError={fieldError}
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
