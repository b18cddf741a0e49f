import { useState } from 'react';
import { Stack, Text } from '@mantine/core';
import { useReportTypes } from '../../../api/report-detail';
import type { AnyReport } from '../../../api/report-types';
import { formatInstant } from '../../shared/instant';
import { fromLocalInput, toLocalInput } from '../../teams/expiry';
import { EditableField } from './editable-field';
import { RenderedMarkdown } from './rendered-markdown';
import { typeLabel } from './words';
import classes from './detail.module.css';

const DEFAULT_TYPES = ['harassment', 'safety', 'other'];

/** Text as the person typed it (never as HTML), or a calm "Not given". */
export function PlainText({ text, empty = 'Not given' }: { text: string; empty?: string }) {
  return text.trim() ? (
    <p className={classes.plain}>{text}</p>
  ) : (
    <Text size="sm" c="dimmed">
      {empty}
    </Text>
  );
}

/**
 * What happened: the description (Markdown, shown as the server rendered it), the type, when,
 * where and who was involved; each editable in place where the server allows it.
 */
export function ReportDetails({
  report,
  canEditDescription,
  canEditDetails,
}: {
  report: AnyReport;
  canEditDescription: boolean;
  canEditDetails: boolean;
}) {
  const [typesWanted, setTypesWanted] = useState(false);
  const types = useReportTypes(report.event.slug, { enabled: typesWanted });
  const typeOptions = [...new Set([...(types.data ?? DEFAULT_TYPES), report.type])]
    .filter(Boolean)
    .map((t) => ({ value: t, label: typeLabel(t) }));
  const common = { reportId: report.id };
  return (
    <Stack gap="md">
      {canEditDescription ? (
        // The title is the page's heading; here it can be changed.
        <EditableField
          {...common}
          label="Title"
          field="title"
          value={report.title}
          display={<PlainText text={report.title} />}
          canEdit
          input={{ kind: 'text', maxLength: 200 }}
          toChange={(title) => ({ title: title.trim() })}
        />
      ) : null}
      <EditableField
        {...common}
        label="Description"
        field="description"
        value={report.description}
        display={
          report.descriptionHtml.trim() ? (
            <RenderedMarkdown html={report.descriptionHtml} />
          ) : (
            <PlainText text="" />
          )
        }
        canEdit={canEditDescription}
        input={{
          kind: 'textarea',
          maxLength: 20_000,
          rows: 6,
          description: 'Markdown works: **bold**, lists, links.',
        }}
        toChange={(description) => ({ description })}
      />
      <EditableField
        {...common}
        label="Type"
        field="type"
        value={report.type}
        display={<Text>{typeLabel(report.type)}</Text>}
        canEdit={canEditDetails}
        input={{ kind: 'select', options: typeOptions }}
        toChange={(type) => ({ type })}
        onEditStart={() => setTypesWanted(true)}
      />
      <EditableField
        {...common}
        label="When"
        field="incidentAt"
        value={toLocalInput(report.incidentAt)}
        display={
          report.incidentAt ? (
            <Text>{formatInstant(report.incidentAt)}</Text>
          ) : (
            <PlainText text="" empty="Not known" />
          )
        }
        canEdit={canEditDetails}
        input={{ kind: 'datetime' }}
        toChange={(value) => ({ incidentAt: fromLocalInput(value) })}
      />
      <EditableField
        {...common}
        label="Where"
        field="location"
        value={report.location}
        display={<PlainText text={report.location} />}
        canEdit={canEditDetails}
        input={{ kind: 'text', maxLength: 500 }}
        toChange={(location) => ({ location: location.trim() })}
      />
      <EditableField
        {...common}
        label="People involved"
        field="parties"
        value={report.parties}
        display={<PlainText text={report.parties} />}
        canEdit={canEditDetails}
        input={{ kind: 'textarea', maxLength: 2000, rows: 2 }}
        toChange={(parties) => ({ parties: parties.trim() })}
      />
    </Stack>
  );
}
