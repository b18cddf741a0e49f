import type { ReactNode } from 'react';
import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ReportListItem } from '../../../api/report-types';
import { formatInstant } from '../../shared/instant';
import { SeverityBadge } from './severity-badge';
import { StateBadge } from './state-badge';
import classes from './report-row.module.css';

/** A report type as a person reads it: the event's own word, starting with a capital. */
export function typeLabel(type: string): string {
  return type ? type.charAt(0).toUpperCase() + type.slice(1) : type;
}

const comments = (n: number) => (n === 1 ? '1 comment' : `${n} comments`);

/** A list of reports (an unordered list without bullets). */
export function ReportList({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <Stack component="ul" gap="xs" className={classes.list} aria-label={label}>
      {children}
    </Stack>
  );
}

/**
 * One report in a list, as a card at every width: number and title linking to the report, its
 * state, and what the list's reader needs beside it. The team's lists (`view="team"`) show
 * severity, type, assignees, comments and flags; the author's own list shows the event instead.
 * `leading` sits before the card's text (the queue's selection checkbox).
 */
export function ReportRow({
  report,
  view,
  showEvent = false,
  leading,
}: {
  report: ReportListItem;
  view: 'team' | 'own';
  showEvent?: boolean;
  leading?: ReactNode;
}) {
  const assigned =
    report.assignees.length > 0
      ? `Assigned to ${report.assignees.map((a) => a.name).join(', ')}`
      : 'Nobody assigned';
  const meta = [
    showEvent ? report.event.name : null,
    `Submitted ${formatInstant(report.submittedAt)}`,
    view === 'team' ? assigned : null,
    view === 'team' ? comments(report.commentCount) : null,
  ].filter(Boolean);
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        {leading ? <div className={classes.select}>{leading}</div> : null}
        <Stack gap={6} miw={0} style={{ flex: 1 }}>
          <Anchor
            component={Link}
            to={`/reports/${encodeURIComponent(report.id)}`}
            fw={600}
            className={classes.title}
          >
            <Text component="span" c="dimmed" fw={600} inherit>
              #{report.number}
            </Text>{' '}
            {report.title}
          </Anchor>
          <Group gap={6} wrap="wrap">
            <StateBadge state={report.state} />
            {view === 'team' ? <SeverityBadge severity={report.severity} /> : null}
            {/* Outlined: the light variant in gray.8 drew dark text on a dark fill (1.3:1). */}
            <Badge component="span" variant="outline" color="gray.8">
              {typeLabel(report.type)}
            </Badge>
            {view === 'team' && report.followUp ? (
              <Badge component="span" variant="outline" color="violet.9">
                Follow-up
              </Badge>
            ) : null}
            {report.anonymous ? (
              <Badge component="span" variant="outline" color="dark.6">
                Anonymous
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed" className={classes.title}>
            {meta.join(' · ')}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}
