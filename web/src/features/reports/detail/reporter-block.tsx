import type { ReactNode } from 'react';
import { Anchor, Text } from '@mantine/core';
import type { TeamReport } from '../../../api/report-types';
import { DetailsList } from '../../../components/details-list';
import { PlainText } from './report-details';
import { contactLabel } from './words';

/** Whether the server sent the reporter's identity: absent for those who may not see it. */
export const hasReporter = (
  report: TeamReport,
): report is TeamReport & Required<Pick<TeamReport, 'reporter'>> => 'reporter' in report;

/** Who reported and how they want to be reached; an anonymous report says only that. */
export function ReporterBlock({ report }: { report: TeamReport }) {
  if (!hasReporter(report)) return null;
  const { reporter } = report;
  const items: { term: string; value: ReactNode }[] = reporter
    ? [
        { term: 'Name', value: reporter.name },
        {
          term: 'Email',
          value: <Anchor href={`mailto:${reporter.email}`}>{reporter.email}</Anchor>,
        },
      ]
    : [{ term: 'Name', value: 'Anonymous' }];
  if (report.contactPreference) {
    items.push({ term: 'Wants to be reached by', value: contactLabel(report.contactPreference) });
  }
  if (report.contactDetails !== undefined && report.contactPreference !== 'none') {
    items.push({
      term: 'Contact details',
      value: <PlainText text={report.contactDetails} />,
    });
  }
  return (
    <>
      {reporter ? null : (
        <Text size="sm">
          This report was sent anonymously. The reporter can read replies to them and answer through
          their private follow-up link.
        </Text>
      )}
      <DetailsList items={items} />
    </>
  );
}
