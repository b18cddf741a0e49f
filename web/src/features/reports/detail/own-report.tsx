import { Stack, Text } from '@mantine/core';
import { contactPreferences, type OwnReport } from '../../../api/report-types';
import { Section } from '../../../components/section';
import { CommentsPanel } from './comments-panel';
import { EditableField } from './editable-field';
import { EvidencePanel } from './evidence-panel';
import { PlainText, ReportDetails } from './report-details';
import { ProgressLine } from './state-stepper';
import { contactLabel } from './words';

/**
 * The author's own report: how far it has come, what they wrote (editable where the server
 * allows), how they want to be reached, the outcome once there is one, messages with the team and
 * their evidence. Nothing of the team's triage is in the answer, and nothing of it is shown.
 */
export function OwnReportView({ report }: { report: OwnReport }) {
  const { can } = report;
  return (
    <Stack gap="md">
      <Section title="Progress">
        <ProgressLine state={report.state} history={report.history} />
        {report.resolution.trim() ? (
          <Stack gap={2}>
            <Text fw={600} size="sm">
              Outcome
            </Text>
            <PlainText text={report.resolution} />
          </Stack>
        ) : null}
      </Section>
      <Section title="Your report">
        <ReportDetails
          report={report}
          canEditDescription={can.updateDescription}
          canEditDetails={can.updateDetails}
        />
      </Section>
      <Section title="How to reach you">
        <EditableField
          reportId={report.id}
          label="Contact preference"
          field="contactPreference"
          value={report.contactPreference}
          display={<Text>{contactLabel(report.contactPreference)}</Text>}
          canEdit={can.updateContact}
          input={{
            kind: 'select',
            options: contactPreferences.map((p) => ({ value: p, label: contactLabel(p) })),
          }}
          toChange={(value) => ({ contactPreference: value as OwnReport['contactPreference'] })}
        />
        <EditableField
          reportId={report.id}
          label="Contact details"
          field="contactDetails"
          value={report.contactDetails}
          display={<PlainText text={report.contactDetails} />}
          canEdit={can.updateContact}
          input={{ kind: 'text', maxLength: 500 }}
          toChange={(contactDetails) => ({ contactDetails: contactDetails.trim() })}
        />
      </Section>
      <Section title="Messages with the team">
        <CommentsPanel
          reportId={report.id}
          team={false}
          canExternal={can.commentExternal}
          canInternal={false}
          anonymous={report.anonymous}
        />
      </Section>
      <Section title="Evidence">
        <EvidencePanel reportId={report.id} team={false} canUpload={can.uploadEvidence} />
      </Section>
    </Stack>
  );
}
