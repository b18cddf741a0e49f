import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Radio, Stack, Switch } from '@mantine/core';
import {
  useSaveSystemSettings,
  useSystemSettings,
  type SystemSettings,
  type SystemSettingsChange,
} from '../api/admin';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Loading } from '../components/loading';
import { RetentionSection } from '../features/audit/retention-settings';

const signUpLabel = { open: 'Open: anyone may sign up', invite_only: 'By invitation only' };

/** Administration: the installation-wide settings, each with what it means. */
export function SystemSettingsPage() {
  const session = useSession();
  const settings = useSystemSettings({ enabled: Boolean(session.data) });

  const gate = pageGate('System settings', session, settings.error);
  if (gate) return gate;

  return (
    <Page title="System settings">
      {settings.error ? (
        <ErrorAlert error={settings.error} title="The settings could not be loaded" />
      ) : null}
      {settings.data ? (
        <SettingsForm settings={settings.data} />
      ) : settings.isPending ? (
        <Loading label="Loading" />
      ) : null}
      {settings.data ? <RetentionSection /> : null}
    </Page>
  );
}

function SettingsForm({ settings }: { settings: SystemSettings }) {
  const [signUp, setSignUp] = useState(settings.signUp.value);
  const [requireMfa, setRequireMfa] = useState(settings.requireMfaForAdmins.value);
  const save = useSaveSystemSettings();
  const change: SystemSettingsChange = {
    ...(signUp !== settings.signUp.value ? { signUp } : {}),
    ...(requireMfa !== settings.requireMfaForAdmins.value
      ? { requireMfaForAdmins: requireMfa }
      : {}),
  };
  const changed = Object.keys(change).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(change);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {save.isError ? (
          <ErrorAlert error={save.error} title="The settings were not saved" />
        ) : null}
        {save.isSuccess && !changed ? (
          <Alert color="green" role="status" title="Saved">
            The new settings apply from now on. Each change is in the audit log.
          </Alert>
        ) : null}
        <Radio.Group
          label="Sign-up"
          description={settings.signUp.explanation}
          value={signUp}
          onChange={(v) => setSignUp(v as SystemSettings['signUp']['value'])}
        >
          <Stack gap="xs" mt="xs">
            {settings.signUp.choices.map((choice) => (
              <Radio
                key={choice}
                value={choice}
                label={`${signUpLabel[choice]}${choice === settings.signUp.default ? ' (default)' : ''}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Switch
          label="Require two-factor for system admins"
          description={`${settings.requireMfaForAdmins.explanation} On by default.`}
          checked={requireMfa}
          onChange={(e) => setRequireMfa(e.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" disabled={!changed} loading={save.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
