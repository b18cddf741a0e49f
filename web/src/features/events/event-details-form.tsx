import { useCallback, useState, type FormEvent } from 'react';
import { Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useUpdateEvent, type EventDetails } from '../../api/events';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { SaveButton } from '../shared/save-button';
import { TimeZoneSelect } from './time-zone-select';

const fields = ['name', 'slug', 'description', 'startsOn', 'endsOn', 'timeZone', 'website'];

const fromEvent = (e: EventDetails) => ({
  name: e.name,
  slug: e.slug,
  description: e.description,
  startsOn: e.startsOn ?? '',
  endsOn: e.endsOn ?? '',
  timeZone: e.timeZone,
  website: e.website ?? '',
});
type Values = ReturnType<typeof fromEvent>;

/** The event's details: name, slug, description, dates, time zone, website. */
export function EventDetailsForm({ event }: { event: EventDetails }) {
  const [values, setValues] = useState<Values>(() => fromEvent(event));
  const save = useUpdateEvent(event.id);
  const { fieldError, showAlert } = formErrors(save.error, fields, { slug_taken: 'slug' });

  const { isSuccess, reset } = save;
  const set = useCallback(
    (field: keyof Values) => (value: string) => {
      setValues((v) => ({ ...v, [field]: value }));
      if (isSuccess) reset();
    },
    [isSuccess, reset],
  );
  const setTimeZone = useCallback((zone: string) => set('timeZone')(zone), [set]);
  const input = (field: keyof Values) => (e: { currentTarget: { value: string } }) =>
    set(field)(e.currentTarget.value);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        name: values.name,
        // A locked slug is not sent at all: the server refuses any change to it.
        ...(event.slugLocked ? {} : { slug: values.slug }),
        description: values.description,
        startsOn: values.startsOn || null,
        endsOn: values.endsOn || null,
        timeZone: values.timeZone,
        website: values.website.trim() || null,
      },
      { onSuccess: (saved) => setValues(fromEvent(saved)) },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {showAlert ? <ErrorAlert error={save.error} title="The details were not saved" /> : null}
        <TextInput
          label="Name"
          required
          maxLength={160}
          value={values.name}
          onChange={input('name')}
          error={fieldError('name')}
        />
        <TextInput
          label="Address name (slug)"
          description={
            event.slugLocked
              ? 'Reports exist for this event, so its address stays as it is: links people were given keep working.'
              : `The public page is at /e/${values.slug}. Changing it breaks links people already have.`
          }
          required
          maxLength={60}
          autoCapitalize="none"
          spellCheck={false}
          disabled={event.slugLocked}
          value={values.slug}
          onChange={input('slug')}
          error={fieldError('slug')}
        />
        <Textarea
          label="Description"
          rows={4}
          resize="vertical"
          maxLength={5000}
          value={values.description}
          onChange={input('description')}
          error={fieldError('description')}
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            type="date"
            label="Starts on"
            miw={150}
            value={values.startsOn}
            onChange={input('startsOn')}
            error={fieldError('startsOn')}
          />
          <TextInput
            type="date"
            label="Ends on"
            miw={150}
            min={values.startsOn || undefined}
            value={values.endsOn}
            onChange={input('endsOn')}
            error={fieldError('endsOn')}
          />
        </Group>
        <TimeZoneSelect
          value={values.timeZone}
          onChange={setTimeZone}
          error={fieldError('timeZone')}
        />
        <TextInput
          label="Website (optional)"
          type="url"
          placeholder="https://"
          maxLength={500}
          value={values.website}
          onChange={input('website')}
          error={fieldError('website')}
        />
        <SaveButton label="Save details" pending={save.isPending} saved={save.isSuccess} />
      </Stack>
    </form>
  );
}
