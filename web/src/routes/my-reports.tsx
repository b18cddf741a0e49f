import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { pageCount } from '../api/page';
import { useMyReports } from '../api/report-lists';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Pager } from '../components/pager';
import { useAddressSearch } from '../components/use-address-search';
import { ReportList, ReportRow } from '../features/reports/shared/report-row';

const reports = (n: number) => (n === 1 ? '1 report' : `${n} reports`);

/**
 * The caller's own reports across every event (`/reports/mine`), newest first, each leading to
 * the report: what the author sees of it, never the team's notes.
 */
export function MyReportsPage() {
  const session = useSession();
  const { page, goTo } = useAddressSearch();
  const mine = useMyReports(page, { enabled: Boolean(session.data) });

  const gate = pageGate('My reports', session, mine.error);
  if (gate) return gate;
  const data = mine.data;
  return (
    <Page title="My reports" wide>
      {mine.error ? (
        <ErrorAlert error={mine.error} title="Your reports could not be loaded" />
      ) : null}
      {!data ? (
        mine.isPending ? (
          <Loading label="Loading your reports" />
        ) : null
      ) : data.items.length === 0 ? (
        page > 1 ? (
          <Text>Nothing more on this page.</Text>
        ) : (
          <>
            <Text>You have not submitted any reports.</Text>
            <Text>
              If something happened at an event, open the event’s page and choose “Report an
              incident”. Your{' '}
              <Anchor component={Link} to="/">
                events
              </Anchor>{' '}
              are on the home page.
            </Text>
          </>
        )
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {reports(data.total)}, the newest first. Only you and the event’s response team see
            them.
          </Text>
          <ReportList label="Your reports">
            {data.items.map((report) => (
              <ReportRow key={report.id} report={report} view="own" showEvent />
            ))}
          </ReportList>
        </>
      )}
      <Pager
        page={page}
        pages={pageCount(data)}
        onPage={goTo}
        previous="Previous"
        next="Next"
        label="Pages of your reports"
      />
    </Page>
  );
}
