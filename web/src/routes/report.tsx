import { useParams } from 'react-router';
import { useReport } from '../api/report-detail';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { OwnReportView } from '../features/reports/detail/own-report';
import { ReportHeader } from '../features/reports/detail/report-header';
import { TeamReportView } from '../features/reports/detail/team-report';

/**
 * One report (`/reports/:reportId`), in the view the server chose for the caller: the response
 * team's, or the author's own. A report the caller may not see is the not-found page, as the
 * server answers 404 for it. The document title carries the number only: a report's title stays
 * out of the browser's history.
 */
export function ReportPage() {
  const { reportId = '' } = useParams();
  const session = useSession();
  const report = useReport(reportId, { enabled: Boolean(session.data) });

  const gate = pageGate('Report', session, report.error);
  if (gate) return gate;
  if (!report.data) {
    return (
      <Page title="Report">
        {report.error ? (
          <ErrorAlert error={report.error} title="The report could not be loaded" />
        ) : (
          <Loading label="Loading the report" />
        )}
      </Page>
    );
  }
  const data = report.data;
  return (
    <Page title={`Report #${data.number}`} heading={data.title} wide>
      <ReportHeader report={data} />
      {data.view === 'team' ? <TeamReportView report={data} /> : <OwnReportView report={data} />}
    </Page>
  );
}
