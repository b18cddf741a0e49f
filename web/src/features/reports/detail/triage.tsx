import { Checkbox, Stack, Text } from '@mantine/core';
import { useUpdateReport } from '../../../api/report-detail';
import { severities, type Severity, type TeamReport } from '../../../api/report-types';
import { ErrorAlert } from '../../../components/error-alert';
import { SeverityBadge, severityLabel } from '../shared/severity-badge';
import { EditableField } from './editable-field';
import { PlainText } from './report-details';

const NOT_SET = 'none';

/** The team's handling of the report: its severity, the follow-up flag and the resolution. */
export function Triage({ report }: { report: TeamReport }) {
  const followUp = useUpdateReport(report.id);
  return (
    <Stack gap="md">
      <EditableField
        reportId={report.id}
        label="Severity"
        field="severity"
        value={report.severity ?? NOT_SET}
        display={<SeverityBadge severity={report.severity} />}
        canEdit={report.can.updateSeverity}
        input={{
          kind: 'select',
          options: [
            { value: NOT_SET, label: 'Not set' },
            ...severities.map((s) => ({ value: s, label: severityLabel(s) })),
          ],
        }}
        toChange={(value) => ({ severity: value === NOT_SET ? null : (value as Severity) })}
      />
      <Stack gap={4}>
        <Checkbox
          label="Needs follow-up"
          description="A flag for the team, to find this report again in the queue."
          checked={report.followUp}
          disabled={!report.can.changeState || followUp.isPending}
          onChange={(e) => followUp.mutate({ followUp: e.currentTarget.checked })}
        />
        {followUp.error ? (
          <ErrorAlert error={followUp.error} title="The flag was not changed" />
        ) : null}
      </Stack>
      <EditableField
        reportId={report.id}
        label="Resolution"
        field="resolution"
        value={report.resolution}
        display={<PlainText text={report.resolution} empty="Not written yet" />}
        canEdit={report.can.changeState}
        input={{
          kind: 'textarea',
          maxLength: 5000,
          rows: 3,
          description: 'What was decided and done. The reporter sees it.',
        }}
        toChange={(resolution) => ({ resolution: resolution.trim() })}
      />
      {report.can.updateSeverity || report.can.changeState ? null : (
        <Text size="sm" c="dimmed">
          You can read how this report is handled, but not change it.
        </Text>
      )}
    </Stack>
  );
}
