import { useState, type FormEvent } from 'react';
import { Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  useUpdateLocationPrivate,
  type Location,
  type LocationPrivateDetails,
} from '../../api/places';
import { DetailsList } from '../../components/details-list';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { SaveButton } from '../shared/save-button';
import classes from './places.module.css';

const fields = ['contactName', 'contactEmail', 'contactPhone', 'notes'] as const;

/**
 * A location's private details (the venue's contact and notes), for the region's leaders and
 * system admins: a form where the caller may change them, otherwise read only.
 */
export function LocationPrivate({
  location,
  details,
}: {
  location: Location;
  details: LocationPrivateDetails;
}) {
  if (location.can.updatePrivate) return <PrivateForm location={location} details={details} />;
  const shown = (value: string) => value || <Text c="dimmed">Not given</Text>;
  return (
    <DetailsList
      items={[
        { term: 'Contact', value: shown(details.contactName) },
        { term: 'Email', value: shown(details.contactEmail) },
        { term: 'Phone', value: shown(details.contactPhone) },
        {
          term: 'Notes',
          value: details.notes ? <span className={classes.text}>{details.notes}</span> : shown(''),
        },
      ]}
    />
  );
}

function PrivateForm({
  location,
  details,
}: {
  location: Location;
  details: LocationPrivateDetails;
}) {
  const [values, setValues] = useState<LocationPrivateDetails>(details);
  const save = useUpdateLocationPrivate(location.id);
  const { fieldError, showAlert } = formErrors(save.error, fields);
  const changed = fields.some((f) => values[f] !== details[f]);
  const input = (field: keyof LocationPrivateDetails) => ({
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [field]: value }));
    },
    error: fieldError(field),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The private details are replaced as a whole.
    save.mutate(values, {
      // As the server keeps them (trimmed).
      onSuccess: ({ location: saved }) => {
        if (saved.privateDetails) setValues(saved.privateDetails);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Private details">
      <Stack gap="sm">
        {showAlert ? (
          <ErrorAlert error={save.error} title="The private details were not saved" />
        ) : null}
        <TextInput label="Contact name" maxLength={200} {...input('contactName')} />
        <TextInput
          label="Contact email"
          type="email"
          autoComplete="off"
          maxLength={320}
          {...input('contactEmail')}
        />
        <TextInput
          label="Contact phone"
          type="tel"
          autoComplete="off"
          maxLength={50}
          {...input('contactPhone')}
        />
        <Textarea
          label="Notes"
          description="Access, keys, parking, accessibility: what organizers should know."
          rows={4}
          resize="vertical"
          maxLength={5000}
          {...input('notes')}
        />
        <SaveButton
          label="Save private details"
          pending={save.isPending}
          saved={save.isSuccess && !changed}
          disabled={!changed}
        />
      </Stack>
    </form>
  );
}
