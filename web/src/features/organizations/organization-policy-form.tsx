import { useState, type FormEvent } from 'react';
import { Stack } from '@mantine/core';
import {
  useUpdateOrganization,
  type Organization,
  type OrganizationSettingValues,
} from '../../api/organizations';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { PolicySettingField } from '../shared/policy-setting-field';
import { SaveButton } from '../shared/save-button';

type Key = keyof OrganizationSettingValues;
const keys: Key[] = [
  'eventCreation',
  'eventApproval',
  'leadersSeeIncidents',
  'requireMfaForAdmins',
];

const valuesOf = (o: Organization) =>
  Object.fromEntries(keys.map((k) => [k, o.settings[k].value])) as OrganizationSettingValues;

/** The organization's policy settings (SPEC §5), each explained; only what changed is sent. */
export function OrganizationPolicyForm({ organization: o }: { organization: Organization }) {
  const [values, setValues] = useState(valuesOf(o));
  const save = useUpdateOrganization(o.id);
  const { fieldError, showAlert } = formErrors(
    save.error,
    keys.map((k) => `settings.${k}`),
  );
  const set =
    <K extends Key>(key: K) =>
    (value: OrganizationSettingValues[K]) =>
      setValues((old) => ({ ...old, [key]: value }));
  const change = Object.fromEntries(
    keys.filter((k) => values[k] !== o.settings[k].value).map((k) => [k, values[k]]),
  ) as Partial<OrganizationSettingValues>;
  const changed = Object.keys(change).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ settings: change });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Policies">
      <Stack gap="lg">
        {showAlert ? <ErrorAlert error={save.error} title="The policies were not saved" /> : null}
        <PolicySettingField
          label="Who may create events"
          setting={o.settings.eventCreation}
          value={values.eventCreation}
          onChange={set('eventCreation')}
          choiceLabels={{
            admins: 'Organization admins, and chapter leaders in their chapter',
            anyone: 'Also anyone signed in: their event waits for approval',
          }}
          error={fieldError('settings.eventCreation')}
        />
        <PolicySettingField
          label="Approval of events"
          setting={o.settings.eventApproval}
          value={values.eventApproval}
          onChange={set('eventApproval')}
          choiceLabels={{
            required: 'Required before an event goes live',
            not_required: 'Not required',
          }}
          error={fieldError('settings.eventApproval')}
        />
        <PolicySettingField
          label="Leaders see incident reports"
          setting={o.settings.leadersSeeIncidents}
          value={values.leadersSeeIncidents}
          onChange={set('leadersSeeIncidents')}
          error={fieldError('settings.leadersSeeIncidents')}
        />
        <PolicySettingField
          label="Admins must use two-factor authentication"
          setting={o.settings.requireMfaForAdmins}
          value={values.requireMfaForAdmins}
          onChange={set('requireMfaForAdmins')}
          error={fieldError('settings.requireMfaForAdmins')}
        />
        <SaveButton
          label="Save policies"
          pending={save.isPending}
          saved={save.isSuccess && !changed}
          disabled={!changed}
        />
      </Stack>
    </form>
  );
}
