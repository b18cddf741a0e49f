import { useEffect } from 'react';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useFollowUpReport } from '../api/report-submission';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { forgetKeptLinkToken, useKeptLinkToken } from '../features/auth/kept-link-token';
import { FollowUpView } from '../features/reports/submit/follow-up-view';

/** Where this tab keeps the link's token after taking it out of the address (for reloads). */
export const FOLLOW_UP_TOKEN_KEY = 'steward.follow-up-token';

// The document title stays generic: a report's title must not land in the browser's history.
const TITLE = 'Your report';

/**
 * The private follow-up link of an anonymous report (/follow-up#token=…). The token is read from
 * the fragment, taken out of the address at once and kept in this tab only; it goes to the server
 * in a header, never in an address.
 */
export function FollowUpPage() {
  const token = useKeptLinkToken(FOLLOW_UP_TOKEN_KEY);
  const report = useFollowUpReport(token);
  const refused =
    report.error instanceof ApiError && [400, 401, 403, 404].includes(report.error.status);

  useEffect(() => {
    if (refused) forgetKeptLinkToken(FOLLOW_UP_TOKEN_KEY);
  }, [refused]);

  if (!token || refused) return <NoReport />;
  if (report.error) {
    return (
      <Page title={TITLE}>
        <ErrorAlert error={report.error} title="Your report could not be loaded" />
        <div>
          <Button onClick={() => void report.refetch()} loading={report.isFetching}>
            Try again
          </Button>
        </div>
      </Page>
    );
  }
  if (!report.data) {
    return (
      <Page title={TITLE}>
        <Loading label="Loading your report" />
      </Page>
    );
  }
  return (
    <Page title={TITLE} heading={report.data.title}>
      <FollowUpView token={token} report={report.data} />
    </Page>
  );
}

/** A link that opens no report: said calmly, with what can be done. */
function NoReport() {
  return (
    <Page title="Follow-up link" heading="This link does not open a report">
      <Stack gap="sm">
        <Text>
          Check that you copied the whole link, including everything after the “#”, and open it
          again.
        </Text>
        <Text>
          If the link is lost, it cannot be recovered. You can send a new report and mention the
          earlier one, or speak to the event’s code-of-conduct team directly.
        </Text>
        <Anchor component={Link} to="/">
          Go to the start page
        </Anchor>
      </Stack>
    </Page>
  );
}
