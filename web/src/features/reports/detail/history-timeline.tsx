import { Text } from '@mantine/core';
import type { ReportHistoryEntry } from '../../../api/report-types';
import { formatInstant } from '../../shared/instant';
import { severityLabel } from '../shared/severity-badge';
import { stateLabel } from '../shared/state-badge';
import classes from './detail.module.css';
import { PlainText } from './report-details';

const who = (entry: ReportHistoryEntry) => entry.actor?.name ?? 'Someone without an account';

/** One entry in words: "Rita Responder moved it from Acknowledged to Investigating". */
function describe(entry: ReportHistoryEntry): string {
  switch (entry.kind) {
    case 'submitted':
      return entry.actor ? `${entry.actor.name} submitted the report` : 'The report was submitted';
    case 'state':
      return entry.fromState && entry.toState
        ? `${who(entry)} moved it from ${stateLabel(entry.fromState)} to ${stateLabel(entry.toState)}`
        : `${who(entry)} changed its state${entry.toState ? ` to ${stateLabel(entry.toState)}` : ''}`;
    case 'assigned':
      return `${who(entry)} assigned ${entry.person?.name ?? 'a deleted account'}`;
    case 'unassigned':
      return `${who(entry)} unassigned ${entry.person?.name ?? 'a deleted account'}`;
    case 'severity':
      return entry.toSeverity
        ? `${who(entry)} set the severity to ${severityLabel(entry.toSeverity)}${entry.fromSeverity ? ` (was ${severityLabel(entry.fromSeverity)})` : ''}`
        : `${who(entry)} cleared the severity`;
    case 'deleted':
      return `${who(entry)} deleted the report`;
  }
}

/** Everything that happened to the report, oldest first, with the notes of state changes. */
export function HistoryTimeline({ history }: { history: ReportHistoryEntry[] }) {
  if (history.length === 0) return <Text>Nothing has happened yet.</Text>;
  return (
    <ol className={classes.timeline}>
      {history.map((entry) => (
        <li key={entry.id}>
          <Text className={classes.wrap}>{describe(entry)}</Text>
          <Text size="sm" c="dimmed">
            {formatInstant(entry.at)}
          </Text>
          {entry.note ? (
            <div>
              <Text size="sm" fw={600} component="span">
                Note:
              </Text>{' '}
              <PlainText text={entry.note} />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
