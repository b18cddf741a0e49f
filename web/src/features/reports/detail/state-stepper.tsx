import { useId, useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { useTransition } from '../../../api/report-detail';
import {
  reportStates,
  type ReportState,
  type ReportTransitionOption,
  type TeamReport,
} from '../../../api/report-types';
import { ErrorAlert } from '../../../components/error-alert';
import { formErrors } from '../../../components/form-errors';
import { formatInstant } from '../../shared/instant';
import { stateLabel } from '../shared/state-badge';
import classes from './detail.module.css';

const forward: Record<ReportState, string> = {
  submitted: 'Back to submitted',
  acknowledged: 'Acknowledge',
  investigating: 'Start investigating',
  resolved: 'Resolve',
  closed: 'Close',
};

const order = (state: ReportState) => reportStates.indexOf(state);

/** The words of a move: forward it is the verb; backward from resolved or closed, a reopening. */
export function moveLabel(from: ReportState, to: ReportState): string {
  if (order(to) < order(from) && (from === 'resolved' || from === 'closed')) {
    return `Reopen as ${stateLabel(to).toLowerCase()}`;
  }
  return forward[to];
}

/** The five states in order, the current one marked as the step (an ordered list). */
export function StateSteps({ state }: { state: ReportState }) {
  const current = order(state);
  return (
    <ol className={classes.steps} aria-label="States of a report">
      {reportStates.map((s, i) => (
        <li
          key={s}
          aria-current={i === current ? 'step' : undefined}
          className={`${classes.step} ${i < current ? classes.stepDone : ''} ${i === current ? classes.stepCurrent : ''}`}
        >
          <span aria-hidden>{i < current ? '✓' : `${i + 1}.`}</span>
          {stateLabel(s)}
          {i < current ? <VisuallyHidden>(done)</VisuallyHidden> : null}
          {i === current ? <VisuallyHidden>(now)</VisuallyHidden> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * The team's state stepper: where the report is, and the moves the server allows from here.
 * A move that needs a note asks for it in a dialog; a move that needs an assignee waits, with a
 * hint, until someone is assigned.
 */
export function StateStepper({ report }: { report: TeamReport }) {
  const transition = useTransition(report.id);
  const [asking, setAsking] = useState<ReportTransitionOption | null>(null);
  // The clicked button goes away with the move: say where the report is now.
  const [moved, setMoved] = useState('');
  const done = (to: ReportState) => {
    setAsking(null);
    setMoved(`The report is ${stateLabel(to).toLowerCase()} now.`);
  };
  const hintId = useId();
  const unassigned = report.assignees.length === 0;
  const moves = report.can.changeState ? report.transitions : [];

  const choose = (option: ReportTransitionOption) => {
    transition.reset();
    setMoved('');
    if (option.needsNote) setAsking(option);
    else transition.mutate({ to: option.to }, { onSuccess: () => done(option.to) });
  };

  return (
    <Stack gap="sm">
      <StateSteps state={report.state} />
      {moves.length > 0 ? (
        <Group gap="sm" wrap="wrap" role="group" aria-label="Change the state">
          {moves.map((option) => {
            const blocked = option.needsAssignee && unassigned;
            return (
              <Button
                key={option.to}
                variant={order(option.to) > order(report.state) ? 'filled' : 'default'}
                disabled={blocked || transition.isPending}
                aria-describedby={blocked ? hintId : undefined}
                loading={transition.isPending && transition.variables?.to === option.to}
                onClick={() => choose(option)}
              >
                {moveLabel(report.state, option.to)}
              </Button>
            );
          })}
        </Group>
      ) : null}
      {moves.some((o) => o.needsAssignee) && unassigned ? (
        <Text size="sm" id={hintId}>
          Assign someone first: investigating needs a person in charge.
        </Text>
      ) : null}
      <Text size="sm" role="status">
        {moved}
      </Text>
      {transition.error && !asking ? (
        <ErrorAlert error={transition.error} title="The state was not changed" />
      ) : null}
      {asking ? (
        <NoteDialog
          from={report.state}
          option={asking}
          pending={transition.isPending}
          error={transition.error}
          onConfirm={(note) =>
            transition.mutate({ to: asking.to, note }, { onSuccess: () => done(asking.to) })
          }
          onClose={() => setAsking(null)}
        />
      ) : null}
    </Stack>
  );
}

/** Asks for the note a move needs (resolving, reopening): kept in the report's history. */
function NoteDialog({
  from,
  option,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  from: ReportState;
  option: ReportTransitionOption;
  pending: boolean;
  error: unknown;
  onConfirm: (note: string) => void;
  onClose: () => void;
}) {
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const { fieldError, showAlert } = formErrors(error, ['note']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return setMissing(true);
    onConfirm(note.trim());
  };
  const label = moveLabel(from, option.to);
  return (
    <Modal
      opened
      onClose={onClose}
      title={`${label}: add a note`}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            This move needs a note. It stays in the report&apos;s history for the team; the reporter
            does not see it.
          </Text>
          {showAlert ? <ErrorAlert error={error} title="The state was not changed" /> : null}
          <Textarea
            label="Note"
            required
            resize="vertical"
            rows={3}
            maxLength={5000}
            data-autofocus
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? 'Write a note first' : fieldError('note')}
          />
          <Group gap="sm" justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The author's view of progress: each state down a line, with the day it was reached, the
 * current one marked.
 */
export function ProgressLine({
  state,
  history,
}: {
  state: ReportState;
  history: { at: string; toState: ReportState }[];
}) {
  const current = order(state);
  const reachedAt = (s: ReportState) => history.filter((h) => h.toState === s).at(-1)?.at ?? null;
  return (
    <ol className={classes.progress} aria-label="Progress of your report">
      {reportStates.map((s, i) => {
        const at = i <= current ? reachedAt(s) : null;
        return (
          <li
            key={s}
            className={classes.progressItem}
            aria-current={i === current ? 'step' : undefined}
          >
            <span
              aria-hidden
              className={`${classes.dot} ${i < current ? classes.dotDone : ''} ${i === current ? classes.dotCurrent : ''}`}
            />
            <Text fw={i === current ? 700 : 400}>
              {stateLabel(s)}
              {i === current ? <VisuallyHidden> (now)</VisuallyHidden> : null}
            </Text>
            <Text size="sm" c="dimmed">
              {at ? formatInstant(at) : i <= current ? 'Done' : 'Not yet'}
            </Text>
          </li>
        );
      })}
    </ol>
  );
}
