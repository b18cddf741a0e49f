import { Stack } from '@mantine/core';
import type { TeamReport } from '../../../api/report-types';
import { Section } from '../../../components/section';
import { AccessLog } from './access-log';
import { Assignees } from './assignees';
import { CommentsPanel } from './comments-panel';
import { DeleteReport } from './delete-report';
import { EvidencePanel } from './evidence-panel';
import { HistoryTimeline } from './history-timeline';
import { ReportDetails } from './report-details';
import { ReporterBlock, hasReporter } from './reporter-block';
import { StateStepper } from './state-stepper';
import { Triage } from './triage';

/**
 * The response team's view of a report: its state and the moves open now, what happened, who
 * reported (only where the server sent it), handling, assignees, the conversation, evidence, the
 * full history, and for event admins the access log and deletion.
 */
export function TeamReportView({ report }: { report: TeamReport }) {
  const { can } = report;
  return (
    <Stack gap="md">
      <Section title="State">
        <StateStepper report={report} />
      </Section>
      <Section title="What happened">
        <ReportDetails
          report={report}
          canEditDescription={can.updateDescription}
          canEditDetails={can.updateDetails}
        />
      </Section>
      {hasReporter(report) ? (
        <Section title="Reporter">
          <ReporterBlock report={report} />
        </Section>
      ) : null}
      <Section title="Handling">
        <Triage report={report} />
      </Section>
      <Section title="Assigned">
        <Assignees report={report} />
      </Section>
      <Section title="Comments">
        <CommentsPanel
          reportId={report.id}
          team
          canExternal={can.commentExternal}
          canInternal={can.commentInternal}
          anonymous={report.anonymous}
        />
      </Section>
      <Section title="Evidence">
        <EvidencePanel reportId={report.id} team canUpload={can.uploadEvidence} />
      </Section>
      <Section title="History">
        <HistoryTimeline history={report.history} />
      </Section>
      {can.viewAccessLog ? (
        <Section title="Access log">
          <AccessLog reportId={report.id} />
        </Section>
      ) : null}
      {can.delete ? (
        <Section title="Delete this report" danger>
          <DeleteReport report={report} />
        </Section>
      ) : null}
    </Stack>
  );
}
