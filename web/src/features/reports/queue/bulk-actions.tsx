import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import {
  openStates,
  useBulkReports,
  type BulkAction,
  type BulkResult,
} from '../../../api/report-lists';
import { reportStates, type ReportListItem, type ReportState } from '../../../api/report-types';
import type { TeamMember } from '../../../api/teams';
import { ErrorAlert } from '../../../components/error-alert';
import { stateLabel } from '../shared/state-badge';
import classes from './queue.module.css';

export type BulkKind = BulkAction['kind'];

const reports = (n: number) => (n === 1 ? '1 report' : `${n} reports`);

/** What was done to the chosen reports, report by report, for the summary after it. */
export interface BulkOutcome {
  what: string;
  results: BulkResult[];
  /** The chosen reports as they were listed (a report may leave the page once changed). */
  reports: Map<string, ReportListItem>;
}

/** The bar under the list once reports are chosen: how many, and what can be done to them. */
export function BulkBar({
  count,
  onAction,
  onClear,
}: {
  count: number;
  onAction: (kind: BulkKind) => void;
  onClear: () => void;
}) {
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      shadow="sm"
      className={classes.bulkBar}
      role="group"
      aria-label="Actions on the chosen reports"
    >
      <Group gap="sm" wrap="wrap" justify="space-between">
        <Text fw={600}>{reports(count)} chosen</Text>
        <Group gap="xs" wrap="wrap">
          <Button onClick={() => onAction('state')}>Change state…</Button>
          <Button variant="default" onClick={() => onAction('assign')}>
            Assign…
          </Button>
          <Button variant="default" onClick={() => onAction('unassign')}>
            Unassign…
          </Button>
          {/* Mantine draws a subtle gray in gray.6 whatever the shade asked (3.3:1): text dark. */}
          <Button variant="subtle" color="gray" c="dark.7" onClick={onClear}>
            Clear choice
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

/**
 * Asks for the details of one change to every chosen report (the new state and its note, or the
 * person), sends it, and hands back each report's result. A refusal of the whole request stays in
 * the dialog; refusals of single reports come back as results.
 */
export function BulkDialog({
  eventId,
  kind,
  chosen,
  team,
  me,
  onDone,
  onClose,
}: {
  eventId: string;
  kind: BulkKind;
  chosen: ReportListItem[];
  team: TeamMember[];
  me: { id: string; name: string };
  onDone: (outcome: BulkOutcome) => void;
  onClose: () => void;
}) {
  const bulk = useBulkReports(eventId);
  const [to, setTo] = useState<ReportState>('acknowledged');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);

  // Everyone on the team who can take reports, the caller first; for unassigning, only people
  // assigned to one of the chosen reports.
  const assignable = [
    { id: me.id, name: `${me.name} (you)` },
    ...team
      .filter(
        (m) => !m.isYou && m.userId !== me.id && m.role !== 'reporter' && m.role !== 'checkiner',
      )
      .filter((m, i, all) => all.findIndex((o) => o.userId === m.userId) === i)
      .map((m) => ({ id: m.userId, name: m.name })),
  ];
  const assigned = new Map<string, string>();
  for (const r of chosen)
    for (const a of r.assignees) assigned.set(a.id, a.id === me.id ? `${a.name} (you)` : a.name);
  const people = kind === 'assign' ? assignable : [...assigned].map(([id, name]) => ({ id, name }));
  const [userId, setUserId] = useState(people[0]?.id ?? '');

  const reopening =
    openStates.includes(to) && chosen.some((r) => r.state === 'resolved' || r.state === 'closed');
  const needsNote = to === 'resolved' || reopening;

  const title =
    kind === 'state'
      ? `Change the state of ${reports(chosen.length)}`
      : kind === 'assign'
        ? `Assign ${reports(chosen.length)}`
        : `Unassign someone from ${reports(chosen.length)}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let action: BulkAction;
    let what: string;
    if (kind === 'state') {
      if (needsNote && !note.trim()) {
        setNoteError(
          to === 'resolved'
            ? 'Write a note: say how the reports were resolved.'
            : 'Write a note: say why the reports are reopened.',
        );
        return;
      }
      action = { kind, to, ...(note.trim() ? { note: note.trim() } : {}) };
      what = `Moved to ${stateLabel(to)}`;
    } else {
      if (!userId) return;
      action = { kind, userId };
      const name = people.find((p) => p.id === userId)?.name ?? '';
      what = kind === 'assign' ? `Assigned to ${name}` : `Unassigned ${name}`;
    }
    bulk.mutate(
      { reportIds: chosen.map((r) => r.id), action },
      {
        onSuccess: (results) =>
          onDone({ what, results, reports: new Map(chosen.map((r) => [r.id, r])) }),
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {bulk.error ? <ErrorAlert error={bulk.error} title="Nothing was changed" /> : null}
          {kind === 'state' ? (
            <>
              <NativeSelect
                label="New state"
                value={to}
                onChange={(e) => {
                  setTo(e.currentTarget.value as ReportState);
                  setNoteError(null);
                }}
                data={reportStates.map((s) => ({ value: s, label: stateLabel(s) }))}
              />
              {to === 'investigating' ? (
                <Text size="sm">Reports with nobody assigned cannot move to Investigating.</Text>
              ) : null}
              <Textarea
                label={needsNote ? 'Note' : 'Note (optional)'}
                description={
                  to === 'resolved'
                    ? 'Needed: how the reports were resolved. Kept in each report’s history.'
                    : reopening
                      ? 'Needed: why the reports are reopened. Kept in each report’s history.'
                      : 'Kept in each report’s history.'
                }
                required={needsNote}
                rows={3}
                maxLength={5000}
                value={note}
                error={noteError}
                onChange={(e) => {
                  setNote(e.currentTarget.value);
                  setNoteError(null);
                }}
              />
            </>
          ) : people.length === 0 ? (
            <Text>Nobody is assigned to the chosen reports.</Text>
          ) : (
            <NativeSelect
              label="Person"
              value={userId}
              onChange={(e) => setUserId(e.currentTarget.value)}
              data={people.map((p) => ({ value: p.id, label: p.name }))}
            />
          )}
          <Text size="sm" c="dimmed">
            Each report is changed on its own: any that cannot be are listed afterwards.
          </Text>
          <Group gap="sm" justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={bulk.isPending} disabled={kind !== 'state' && !userId}>
              {kind === 'state' ? 'Change state' : kind === 'assign' ? 'Assign' : 'Unassign'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** After a change to several reports: how many it reached, and each that failed with why. */
export function BulkSummary({
  outcome,
  onDismiss,
}: {
  outcome: BulkOutcome;
  onDismiss: () => void;
}) {
  const failed = outcome.results.filter((r) => !r.ok);
  const done = outcome.results.length - failed.length;
  const name = (id: string) => {
    const r = outcome.reports.get(id);
    return r ? `#${r.number} ${r.title}` : 'A report';
  };
  return (
    <Alert
      color={failed.length ? 'orange' : 'green'}
      title={
        failed.length === 0
          ? `${outcome.what}: ${reports(done)}.`
          : `${outcome.what}: ${done} of ${reports(outcome.results.length)}. ${failed.length} could not be changed.`
      }
      // Inside the page's status region already: announced politely, not as an alert.
      role="group"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onDismiss}
    >
      {failed.length ? (
        <List size="sm" spacing={4}>
          {failed.map((r) => (
            <List.Item key={r.id}>
              <Text span fw={600} size="sm">
                {name(r.id)}
              </Text>
              : {r.error?.message ?? 'It could not be changed.'}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
