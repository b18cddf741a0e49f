import { useState } from 'react';
import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useChapters } from '../../api/chapters';
import { pageCount } from '../../api/page';
import { ErrorAlert } from '../../components/error-alert';
import { Pager } from '../../components/pager';
import classes from './organization-list.module.css';
import { Loading } from '../../components/loading';

const eventsText = (n: number) => (n === 1 ? '1 event' : `${n} events`);

/** An organization's chapters, each linking to its page, with its events and leaders. */
export function ChapterList({ orgId }: { orgId: string }) {
  const [page, setPage] = useState(1);
  const chapters = useChapters(orgId, page);
  const data = chapters.data;
  if (chapters.error) {
    return <ErrorAlert error={chapters.error} title="Chapters could not be loaded" />;
  }
  if (!data) return <Loading label="Loading chapters" />;
  if (data.items.length === 0) return <Text>No chapters yet.</Text>;
  return (
    <Stack gap="xs">
      <Stack component="ul" gap="xs" className={classes.list}>
        {data.items.map((chapter) => (
          <Paper component="li" key={chapter.id} withBorder p="xs" radius="md">
            <Stack gap={2}>
              <Anchor
                component={Link}
                to={`/chapters/${encodeURIComponent(chapter.id)}`}
                fw={600}
                className={classes.name}
              >
                {chapter.name}
              </Anchor>
              <Text size="sm" className={classes.name}>
                {eventsText(chapter.eventCount)}
                {' · '}
                {chapter.leaders.length
                  ? `Led by ${chapter.leaders.map((l) => l.name).join(', ')}`
                  : 'No leader yet'}
              </Text>
            </Stack>
          </Paper>
        ))}
      </Stack>
      <Pager
        page={page}
        pages={pageCount(data)}
        onPage={setPage}
        previous="Previous"
        next="Next"
        label="Pages of chapters"
      />
    </Stack>
  );
}
