import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, Modal, NumberInput, Stack, Text } from '@mantine/core';
import {
  usePurge,
  useRetention,
  useSaveRetention,
  type PurgeResult,
  type RetentionChange,
  type RetentionSettings,
} from '../../api/audit';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Section } from '../../components/section';

type Name = keyof RetentionSettings;
const labels: Record<Name, string> = {
  auditRetentionDays: 'Keep audit entries for (days)',
  incidentRetentionDays: 'Keep incident data of archived events for (days)',
};

const asDays = (v: string | number) => (v === '' ? null : Number(v));

/**
 * Retention on the system settings page: the two periods (empty keeps forever), a dry run that
 * counts what a purge would delete, and the purge itself after a confirmation.
 */
export function RetentionSection() {
  const retention = useRetention({ enabled: true });
  return (
    <Section title="Retention">
      {retention.error ? (
        <ErrorAlert error={retention.error} title="Retention could not be loaded" />
      ) : null}
      {retention.data ? (
        <RetentionForm settings={retention.data} />
      ) : retention.isPending ? (
        <Loading label="Loading" />
      ) : null}
      <PurgeControls />
    </Section>
  );
}

function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const [values, setValues] = useState<Record<Name, string | number>>({
    auditRetentionDays: settings.auditRetentionDays.value ?? '',
    incidentRetentionDays: settings.incidentRetentionDays.value ?? '',
  });
  const save = useSaveRetention();
  const change: RetentionChange = {};
  for (const name of Object.keys(labels) as Name[]) {
    const days = asDays(values[name]);
    if (days !== settings[name].value) change[name] = days;
  }
  const changed = Object.keys(change).length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(change);
  };
  const fieldError = (name: Name) =>
    save.error && 'fieldError' in save.error
      ? (save.error as { fieldError(f: string): string | undefined }).fieldError(name)
      : undefined;

  return (
    <form onSubmit={submit} noValidate aria-label="Retention periods">
      <Stack gap="md">
        {save.isError &&
        !fieldError('auditRetentionDays') &&
        !fieldError('incidentRetentionDays') ? (
          <ErrorAlert error={save.error} title="Retention was not saved" />
        ) : null}
        {save.isSuccess && !changed ? (
          <Alert color="green" role="status" title="Saved">
            The next purge uses these periods. Each change is in the audit log.
          </Alert>
        ) : null}
        {(Object.keys(labels) as Name[]).map((name) => (
          <NumberInput
            key={name}
            label={labels[name]}
            description={`${settings[name].explanation} Leave empty to keep forever.`}
            min={settings[name].minimum}
            allowDecimal={false}
            allowNegative={false}
            placeholder="Forever"
            value={values[name]}
            onChange={(v) => setValues({ ...values, [name]: v })}
            error={fieldError(name)}
          />
        ))}
        <Group>
          <Button type="submit" disabled={!changed} loading={save.isPending}>
            Save retention
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PurgeControls() {
  const purge = usePurge();
  const [confirming, setConfirming] = useState(false);
  return (
    <Stack gap="sm">
      <Text size="sm">
        A purge runs by itself once a day. Count first what it would delete; deleting is for good.
      </Text>
      <Group>
        <Button
          variant="default"
          onClick={() => purge.mutate(true)}
          loading={purge.isPending && purge.variables === true}
        >
          Count what a purge would delete
        </Button>
        <Button color="red.8" onClick={() => setConfirming(true)}>
          Purge now…
        </Button>
      </Group>
      {purge.isError ? <ErrorAlert error={purge.error} title="The purge did not run" /> : null}
      {purge.data ? <PurgeSummary result={purge.data} /> : null}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Purge now?">
        <Stack gap="md">
          <Text>
            Audit entries and incident data older than the retention periods are deleted for good.
            Reports deleted this way cannot be recovered. The purge is recorded in the system log.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="red.8"
              loading={purge.isPending}
              onClick={() => purge.mutate(false, { onSettled: () => setConfirming(false) })}
            >
              Delete for good
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function PurgeSummary({ result }: { result: PurgeResult }) {
  const { audit, incidents } = result;
  const verb = result.dryRun ? 'would delete' : 'deleted';
  return (
    <Alert
      color={result.dryRun ? 'blue' : 'green'}
      role="status"
      title={result.dryRun ? 'Dry run: nothing was deleted' : 'Purge done'}
    >
      <List size="sm">
        <List.Item>
          Audit log:{' '}
          {audit.enabled
            ? `${verb} ${plural(audit.entries, 'entry', 'entries')} older than ${audit.retentionDays} days`
            : 'kept forever (no period set)'}
        </List.Item>
        <List.Item>
          Incident data:{' '}
          {incidents.enabled
            ? `${verb} ${plural(incidents.reports, 'report', 'reports')} of ${plural(incidents.events, 'archived event', 'archived events')}, with ${plural(incidents.comments, 'comment', 'comments')}, ${plural(incidents.evidence, 'file', 'files')} (${incidents.evidenceBytes} bytes), ${plural(incidents.history, 'history entry', 'history entries')}, ${plural(incidents.accessLog, 'access log entry', 'access log entries')}, ${plural(incidents.assignees, 'assignment', 'assignments')} and ${plural(incidents.notifications, 'notification', 'notifications')}`
            : 'kept forever (no period set)'}
        </List.Item>
      </List>
    </Alert>
  );
}
