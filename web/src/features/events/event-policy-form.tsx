import { useState, type FormEvent } from 'react';
import { Stack } from '@mantine/core';
import {
  useUpdateEvent,
  type EventDetails,
  type EventPolicySettings,
  type EventPolicyValues,
} from '../../api/events';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { PolicySettingField } from '../shared/policy-setting-field';
import { SaveButton } from '../shared/save-button';

const valuesOf = (s: EventPolicySettings): EventPolicyValues => ({
  responderScope: s.responderScope.value,
  respondersCanAssign: s.respondersCanAssign.value,
  reportIntake: s.reportIntake.value,
  showTeamPublicly: s.showTeamPublicly.value,
});

/** The event's four policy settings (SPEC §5), each explained; only the changed ones are sent. */
export function EventPolicyForm({ event }: { event: EventDetails }) {
  const settings = event.settings;
  const [values, setValues] = useState(() => valuesOf(settings));
  const save = useUpdateEvent(event.id);
  const { fieldError, showAlert } = formErrors(
    save.error,
    Object.keys(settings).map((k) => `settings.${k}`),
  );
  const saved = valuesOf(settings);
  const change = Object.fromEntries(
    (Object.keys(values) as (keyof EventPolicyValues)[])
      .filter((k) => values[k] !== saved[k])
      .map((k) => [k, values[k]]),
  ) as Partial<EventPolicyValues>;
  const changed = Object.keys(change).length > 0;

  const set =
    <K extends keyof EventPolicyValues>(key: K) =>
    (value: EventPolicyValues[K]) => {
      setValues((v) => ({ ...v, [key]: value }));
      if (save.isSuccess) save.reset();
    };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ settings: change }, { onSuccess: (ev) => setValues(valuesOf(ev.settings)) });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Policy">
      <Stack gap="lg">
        {showAlert ? <ErrorAlert error={save.error} title="The policy was not saved" /> : null}
        <PolicySettingField
          setting={settings.reportIntake}
          label="Who may report an incident"
          choiceLabels={{
            members: "The event's team and attendees",
            signed_in: 'Anyone signed in to Steward',
            anonymous: 'Anyone, also without an account',
          }}
          value={values.reportIntake}
          onChange={set('reportIntake')}
          error={fieldError('settings.reportIntake')}
        />
        <PolicySettingField
          setting={settings.responderScope}
          label="Which reports responders handle"
          choiceLabels={{
            all: 'Every report of the event',
            assigned: 'Only the reports assigned to them',
          }}
          value={values.responderScope}
          onChange={set('responderScope')}
          error={fieldError('settings.responderScope')}
        />
        <PolicySettingField
          setting={settings.respondersCanAssign}
          label="Responders may assign reports"
          value={values.respondersCanAssign}
          onChange={set('respondersCanAssign')}
          error={fieldError('settings.respondersCanAssign')}
        />
        <PolicySettingField
          setting={settings.showTeamPublicly}
          label="Show the team's names on the public page"
          value={values.showTeamPublicly}
          onChange={set('showTeamPublicly')}
          error={fieldError('settings.showTeamPublicly')}
        />
        <SaveButton
          label="Save policy"
          pending={save.isPending}
          saved={save.isSuccess && !changed}
          disabled={!changed}
        />
      </Stack>
    </form>
  );
}
