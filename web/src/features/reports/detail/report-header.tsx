import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { AnyReport } from '../../../api/report-types';
import { formatInstant } from '../../shared/instant';
import { SeverityBadge } from '../shared/severity-badge';
import { StateBadge } from '../shared/state-badge';

/**
 * Under the page's heading (the report's title): its number and event, when it came in, and its
 * state; for the team also severity, the follow-up flag and whether it was sent anonymously.
 */
export function ReportHeader({ report }: { report: AnyReport }) {
  const team = report.view === 'team';
  const eventPath = team
    ? `/events/${encodeURIComponent(report.event.id)}/reports`
    : `/e/${encodeURIComponent(report.event.slug)}`;
  return (
    <Group gap="xs" wrap="wrap" align="center">
      <Text size="sm">
        Report #{report.number} ·{' '}
        <Anchor component={Link} to={eventPath}>
          {team ? `${report.event.name} reports` : report.event.name}
        </Anchor>{' '}
        · sent {formatInstant(report.submittedAt)}
      </Text>
      <Group gap={6} wrap="wrap">
        <StateBadge state={report.state} />
        {report.view === 'team' ? (
          <>
            <SeverityBadge severity={report.severity} />
            {report.followUp ? (
              <Badge component="span" variant="outline" color="grape.9">
                Follow-up
              </Badge>
            ) : null}
          </>
        ) : null}
        {report.anonymous ? (
          <Badge component="span" variant="outline" color="dark.6">
            Anonymous
          </Badge>
        ) : null}
      </Group>
    </Group>
  );
}
