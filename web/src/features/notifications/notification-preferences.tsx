import { useState, type FormEvent } from 'react';
import { Stack, Switch, Table, Text } from '@mantine/core';
import {
  useNotificationPreferences,
  useSaveNotificationPreferences,
  type NotificationKind,
  type NotificationPreference,
} from '../../api/notifications';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { SaveButton } from '../shared/save-button';

type Choices = Record<NotificationKind, { inApp: boolean; email: boolean }>;

const choicesOf = (items: NotificationPreference[]) =>
  Object.fromEntries(
    items.map((p) => [p.kind, { inApp: p.inApp, email: p.emailLocked || p.email }]),
  ) as Choices;

/**
 * Which notifications reach the signed-in person, in the app and by email: one switch per kind
 * and channel, saved together. An email that cannot be turned off shows on, disabled, and why.
 */
export function NotificationPreferences() {
  const preferences = useNotificationPreferences();
  if (preferences.isError) {
    return (
      <ErrorAlert
        error={preferences.error}
        title="Your notification settings could not be loaded"
      />
    );
  }
  if (!preferences.data) return <Loading label="Loading your notification settings" />;
  return <PreferencesForm items={preferences.data} />;
}

function PreferencesForm({ items }: { items: NotificationPreference[] }) {
  const [choices, setChoices] = useState(() => choicesOf(items));
  const save = useSaveNotificationPreferences();
  const saved = choicesOf(items);
  const changed = items.some(
    (p) =>
      choices[p.kind].inApp !== saved[p.kind].inApp ||
      choices[p.kind].email !== saved[p.kind].email,
  );

  const set = (kind: NotificationKind, channel: 'inApp' | 'email', on: boolean) => {
    setChoices((c) => ({ ...c, [kind]: { ...c[kind], [channel]: on } }));
    if (save.isSuccess) save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      items.map((p) => ({
        kind: p.kind,
        inApp: choices[p.kind].inApp,
        email: p.emailLocked || choices[p.kind].email,
      })),
      { onSuccess: (answer) => setChoices(choicesOf(answer)) },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Notification settings">
      <Stack gap="sm">
        <Text size="sm">
          Choose what reaches you in Steward and what also comes by email. Emails about reports
          carry only what each event allows, usually just the title.
        </Text>
        {save.isError ? (
          <ErrorAlert error={save.error} title="Your notification settings were not saved" />
        ) : null}
        <Table verticalSpacing="sm" horizontalSpacing="xs" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Notification</Table.Th>
              <Table.Th w={72} ta="center">
                In the app
              </Table.Th>
              <Table.Th w={72} ta="center">
                By email
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => {
              const lockedId = `email-locked-${p.kind}`;
              return (
                <Table.Tr key={p.kind}>
                  <Table.Th scope="row" fw={400} style={{ overflowWrap: 'anywhere' }}>
                    <Text size="sm" fw={600}>
                      {p.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.description}
                    </Text>
                    {p.emailLocked ? (
                      <Text size="xs" c="dimmed" id={lockedId}>
                        Always sent by email, so it reaches you even if you rarely open Steward.
                      </Text>
                    ) : null}
                  </Table.Th>
                  <Table.Td ta="center">
                    <Switch
                      aria-label={`${p.label}: in the app`}
                      checked={choices[p.kind].inApp}
                      onChange={(e) => set(p.kind, 'inApp', e.currentTarget.checked)}
                      styles={{ body: { justifyContent: 'center' } }}
                    />
                  </Table.Td>
                  <Table.Td ta="center">
                    <Switch
                      aria-label={`${p.label}: by email`}
                      checked={p.emailLocked || choices[p.kind].email}
                      disabled={p.emailLocked}
                      aria-describedby={p.emailLocked ? lockedId : undefined}
                      onChange={(e) => set(p.kind, 'email', e.currentTarget.checked)}
                      styles={{ body: { justifyContent: 'center' } }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <SaveButton
          label="Save notification settings"
          pending={save.isPending}
          saved={save.isSuccess && !changed}
          disabled={!changed}
        />
      </Stack>
    </form>
  );
}
