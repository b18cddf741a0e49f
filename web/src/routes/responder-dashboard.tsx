import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import {
  openStates,
  queuePath,
  useResponderDashboard,
  type ResponderDashboard,
} from '../api/report-lists';
import { reportStates } from '../api/report-types';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Section } from '../components/section';
import { ReportList, ReportRow } from '../features/reports/shared/report-row';
import { stateLabel } from '../features/reports/shared/state-badge';
import classes from '../features/reports/shared/report-row.module.css';

/**
 * The responder's dashboard (`/reports`): the open reports assigned to the caller, then every
 * event where they respond with its reports counted by state, each count leading to that part of
 * the event's queue. Someone who responds nowhere is pointed to their own reports.
 */
export function ResponderDashboardPage() {
  const session = useSession();
  const dashboard = useResponderDashboard({ enabled: Boolean(session.data) });

  const gate = pageGate('Reports', session, dashboard.error);
  if (gate) return gate;
  const data = dashboard.data;
  return (
    <Page title="Reports" wide>
      {dashboard.error ? (
        <ErrorAlert error={dashboard.error} title="Your reports could not be loaded" />
      ) : null}
      {!data ? (
        dashboard.isPending ? (
          <Loading label="Loading your reports" />
        ) : null
      ) : data.events.length === 0 && data.assignedToMe.length === 0 ? (
        <>
          <Text>
            You are not on the response team of any event, so there are no reports for you to handle
            here.
          </Text>
          <Text>
            Reports you submitted yourself are in{' '}
            <Anchor component={Link} to="/reports/mine">
              My reports
            </Anchor>
            .
          </Text>
        </>
      ) : (
        <Dashboard data={data} />
      )}
    </Page>
  );
}

function Dashboard({ data }: { data: ResponderDashboard }) {
  return (
    <>
      <Section title="Assigned to you">
        {data.assignedToMe.length === 0 ? (
          <Text>No open report is assigned to you.</Text>
        ) : (
          <ReportList label="Open reports assigned to you">
            {data.assignedToMe.map((report) => (
              <ReportRow key={report.id} report={report} view="team" showEvent />
            ))}
          </ReportList>
        )}
      </Section>
      <Section title="Events you respond to">
        {data.events.length === 0 ? (
          <Text>You are not on the response team of any event.</Text>
        ) : (
          <Stack
            component="ul"
            gap="xs"
            className={classes.list}
            aria-label="Events you respond to"
          >
            {data.events.map((event) => {
              const open = openStates.reduce((sum, s) => sum + event.counts[s], 0);
              return (
                <Paper key={event.id} component="li" withBorder p="sm" radius="md">
                  <Stack gap={6}>
                    <Anchor
                      component={Link}
                      to={queuePath(event.id)}
                      fw={600}
                      className={classes.title}
                    >
                      {event.name}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {event.organization.name} · {open} open
                    </Text>
                    <Group component="ul" gap="xs" wrap="wrap" className={classes.list}>
                      {event.unassigned > 0 ? (
                        <li>
                          <Anchor
                            component={Link}
                            fw={600}
                            c="red.9"
                            to={queuePath(event.id, {
                              state: openStates.join(','),
                              assignee: 'none',
                            })}
                          >
                            {event.unassigned} open with nobody assigned
                          </Anchor>
                        </li>
                      ) : null}
                      {reportStates.map((s) => (
                        <li key={s}>
                          <Anchor component={Link} to={queuePath(event.id, { state: s })}>
                            {stateLabel(s)}: {event.counts[s]}
                          </Anchor>
                        </li>
                      ))}
                    </Group>
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        )}
      </Section>
    </>
  );
}
