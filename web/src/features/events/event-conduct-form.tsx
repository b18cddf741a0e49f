import { useState, type FormEvent } from 'react';
import { Paper, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useUpdateEvent, type EventDetails } from '../../api/events';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { CodeOfConduct } from './code-of-conduct';
import { SaveButton } from '../shared/save-button';

const fields = ['contactEmail', 'codeOfConduct', 'reportTypes'];

const fromEvent = (e: EventDetails) => ({
  contactEmail: e.contactEmail ?? '',
  codeOfConduct: e.codeOfConduct,
  reportTypes: e.reportTypes,
});
type Values = ReturnType<typeof fromEvent>;

/** How people reach the team, the code of conduct (Markdown) and the types of report. */
export function EventConductForm({ event }: { event: EventDetails }) {
  const [values, setValues] = useState<Values>(() => fromEvent(event));
  const save = useUpdateEvent(event.id);
  const { fieldError, showAlert } = formErrors(save.error, fields);

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (save.isSuccess) save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        contactEmail: values.contactEmail.trim() || null,
        codeOfConduct: values.codeOfConduct,
        reportTypes: values.reportTypes,
      },
      { onSuccess: (saved) => setValues(fromEvent(saved)) },
    );
  };
  const unsaved = values.codeOfConduct !== event.codeOfConduct;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {showAlert ? (
          <ErrorAlert error={save.error} title="The conduct settings were not saved" />
        ) : null}
        <TextInput
          label="Contact email"
          description="Where people reach the code-of-conduct team. Shown on the public page."
          type="email"
          autoComplete="off"
          value={values.contactEmail}
          onChange={(e) => set('contactEmail', e.currentTarget.value)}
          error={fieldError('contactEmail')}
        />
        <Textarea
          label="Code of conduct"
          description="In Markdown: **bold**, *italic*, # Heading, - list item, [link text](https://…). A blank line starts a new paragraph."
          rows={12}
          resize="vertical"
          maxLength={50000}
          value={values.codeOfConduct}
          onChange={(e) => set('codeOfConduct', e.currentTarget.value)}
          error={fieldError('codeOfConduct')}
        />
        <Paper withBorder p="sm" radius="sm">
          <Stack gap="xs">
            <Title order={3} size="h5">
              Preview of the saved version
            </Title>
            {unsaved ? (
              <Text size="sm" c="dimmed">
                Save to see your changes here.
              </Text>
            ) : null}
            {event.codeOfConductHtml.trim() ? (
              <CodeOfConduct html={event.codeOfConductHtml} headingLevel={4} />
            ) : (
              <Text size="sm">No code of conduct saved yet.</Text>
            )}
          </Stack>
        </Paper>
        <TagsInput
          label="Report types"
          description="People choose one when they report. Press Enter after each."
          value={values.reportTypes}
          onChange={(v) => set('reportTypes', v)}
          maxTags={20}
          clearable
          error={fieldError('reportTypes')}
        />
        <SaveButton label="Save conduct settings" pending={save.isPending} saved={save.isSuccess} />
      </Stack>
    </form>
  );
}
