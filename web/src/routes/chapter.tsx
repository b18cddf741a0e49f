import { Button, Group, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useChapter } from '../api/chapters';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Section } from '../components/section';
import { ChapterDetailsForm } from '../features/organizations/chapter-details-form';
import { ChapterLeaders } from '../features/organizations/chapter-leaders';
import { DeleteChapter } from '../features/organizations/delete-chapter';
import { Loading } from '../components/loading';

/** A chapter: its organization and events, its leaders, and what the caller may change. */
export function ChapterPage() {
  const { chapterId = '' } = useParams();
  const session = useSession();
  const chapter = useChapter(chapterId, { enabled: Boolean(session.data) });

  const gate = pageGate('Chapter', session, chapter.error);
  if (gate) return gate;
  if (!chapter.data) {
    return chapter.isPending ? (
      <Loading label="Loading" />
    ) : (
      <ErrorAlert error={chapter.error} title="The chapter could not be loaded" />
    );
  }
  const c = chapter.data;
  const events = c.eventCount === 1 ? '1 event' : `${c.eventCount} events`;

  return (
    <Page title={c.name}>
      <Text>
        A chapter of {c.organization.name}, with {c.eventCount === 0 ? 'no events yet' : events}.
      </Text>
      {c.can.createEvent ? (
        <Group>
          <Button
            component={Link}
            to={`/orgs/${encodeURIComponent(c.organization.id)}/events/new?chapter=${encodeURIComponent(c.id)}`}
          >
            New event
          </Button>
        </Group>
      ) : null}
      <Section title="Leaders">
        <ChapterLeaders chapter={c} />
      </Section>
      {c.can.update ? (
        <Section title="Name and slug">
          <ChapterDetailsForm chapter={c} />
        </Section>
      ) : null}
      {c.can.delete ? (
        <Section title="Delete this chapter" danger>
          <DeleteChapter chapter={c} />
        </Section>
      ) : null}
    </Page>
  );
}
