import { Badge, VisuallyHidden } from '@mantine/core';
import type { Severity } from '../../../api/report-types';
import { darkOrange } from '../../shared/colors';

const severityLabels: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** A severity in words; "Not set" until the team sets one. */
export function severityLabel(severity: Severity | null): string {
  return severity ? severityLabels[severity] : 'Not set';
}

// Outlined, so a row's state (filled) stays the first thing the eye finds; dark shades for AA.
const severityColor: Record<Severity, string> = {
  low: 'gray.8',
  medium: 'yellow.9',
  high: darkOrange,
  critical: 'red.9',
};

/** A report's severity as a badge, read as "Severity: High" by screen readers; "Severity not set" until set. */
export function SeverityBadge({ severity }: { severity: Severity | null }) {
  return (
    <Badge
      component="span"
      variant={severity === 'critical' ? 'filled' : 'outline'}
      color={severity ? severityColor[severity] : 'gray.7'}
    >
      {severity ? (
        <>
          <VisuallyHidden component="span">Severity: </VisuallyHidden>
          {severityLabels[severity]}
        </>
      ) : (
        'Severity not set'
      )}
    </Badge>
  );
}
