import { useState, type FormEvent } from 'react';
import { Radio, Stack, Text } from '@mantine/core';
import { useUpdateEvent, type EmailDetail, type EventDetails } from '../../api/events';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { SaveButton } from '../shared/save-button';

export const DEFAULT_EMAIL_DETAIL: EmailDetail = 'title';

const choices: { value: EmailDetail; label: string; description: string }[] = [
  {
    value: 'none',
    label: 'Nothing of the report',
    description:
      'The email says that something needs attention and links to it; everything else stays in Steward.',
  },
  {
    value: 'title',
    label: 'Its title (default)',
    description:
      'Enough to judge how urgent it is. The description, names and evidence stay in Steward.',
  },
  {
    value: 'full',
    label: 'Its details',
    description:
      'What happened, as reported. Only where the team accepts that these emails may be forwarded, read on shared screens and kept by mail providers.',
  },
];

/**
 * What emails about the event's reports may carry (to the team, and to the person who reported):
 * an event admin's choice, explained, saved on its own.
 */
export function EmailDetailForm({ event }: { event: EventDetails }) {
  const current = event.emailDetail ?? DEFAULT_EMAIL_DETAIL;
  const [value, setValue] = useState<EmailDetail>(current);
  const save = useUpdateEvent(event.id);
  const { fieldError, showAlert } = formErrors(save.error, ['emailDetail']);
  const changed = value !== current;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { emailDetail: value },
      { onSuccess: (ev) => setValue(ev.emailDetail ?? DEFAULT_EMAIL_DETAIL) },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Emails about reports">
      <Stack gap="sm">
        <Text size="sm">
          Email is not a safe channel: messages are forwarded, read over shoulders and on shared
          devices, and kept on mail servers for years. By default an email about a report carries
          only its title and a link; whoever follows the link signs in to read the rest.
        </Text>
        {showAlert ? (
          <ErrorAlert error={save.error} title="The email setting was not saved" />
        ) : null}
        <Radio.Group
          label="What emails about reports may carry"
          value={value}
          onChange={(v) => {
            setValue(choices.find((c) => c.value === v)?.value ?? current);
            if (save.isSuccess) save.reset();
          }}
          error={fieldError('emailDetail')}
        >
          <Stack gap="xs" mt="xs">
            {choices.map((choice) => (
              <Radio
                key={choice.value}
                value={choice.value}
                label={choice.label}
                description={choice.description}
              />
            ))}
          </Stack>
        </Radio.Group>
        <SaveButton
          label="Save email setting"
          pending={save.isPending}
          saved={save.isSuccess && !changed}
          disabled={!changed}
        />
      </Stack>
    </form>
  );
}
