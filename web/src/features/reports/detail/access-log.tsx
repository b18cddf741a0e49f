import { useState } from 'react';
import { Paper, Stack, Text } from '@mantine/core';
import { useAccessLog } from '../../../api/report-detail';
import type { AccessLogEntry } from '../../../api/report-types';
import { pageCount } from '../../../api/page';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { Pager } from '../../../components/pager';
import { formatInstant } from '../../shared/instant';
import classes from './detail.module.css';

const whatWords: Record<AccessLogEntry['what'], string> = {
  report: 'Opened the report',
  evidence: 'Downloaded evidence',
  export: 'Exported it in a CSV file',
};

/** Who has seen the report, its evidence or an export with it: newest first (event admins). */
export function AccessLog({ reportId }: { reportId: string }) {
  const [page, setPage] = useState(1);
  const log = useAccessLog(reportId, page, { enabled: true });
  if (log.error) return <ErrorAlert error={log.error} title="The access log could not be loaded" />;
  if (!log.data) return <Loading label="Loading the access log" />;
  if (log.data.items.length === 0) return <Text>Nobody has viewed this report yet.</Text>;
  return (
    <Stack gap="sm">
      <ul className={classes.list} aria-label="Views of this report">
        {log.data.items.map((entry) => (
          <Paper component="li" key={entry.id} withBorder p="xs" radius="md" mb="xs">
            <Text fw={600} className={classes.wrap}>
              {entry.viewer?.name ?? 'The anonymous follow-up link'}
            </Text>
            <Text size="sm">
              {whatWords[entry.what]} · {formatInstant(entry.at)}
            </Text>
            {entry.via ? (
              <Text size="sm" c="dimmed" className={classes.wrap}>
                Allowed as: {entry.via}
              </Text>
            ) : null}
          </Paper>
        ))}
      </ul>
      <Pager page={page} pages={pageCount(log.data)} onPage={setPage} label="Access log pages" />
    </Stack>
  );
}
