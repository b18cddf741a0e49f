import { Badge } from '@mantine/core';
import type { ReportState } from '../../../api/report-types';
import { darkOrange } from '../../shared/colors';

const stateLabels: Record<ReportState, string> = {
  submitted: 'Submitted',
  acknowledged: 'Acknowledged',
  investigating: 'Investigating',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** A report's state in words. */
export function stateLabel(state: ReportState): string {
  return stateLabels[state];
}

// Dark shades keep the white text of filled badges at AA contrast; a new report stands out most.
const stateColor: Record<ReportState, string> = {
  submitted: 'red.9',
  acknowledged: darkOrange,
  investigating: 'blue.9',
  resolved: 'teal.9',
  closed: 'gray.8',
};

/** A report's state as a badge. */
export function StateBadge({ state }: { state: ReportState }) {
  return (
    <Badge component="span" variant="filled" color={stateColor[state]}>
      {stateLabel(state)}
    </Badge>
  );
}
