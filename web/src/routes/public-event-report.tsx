import { Alert, Anchor, Button, List, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { usePublicEvent, type PublicEvent } from '../api/events';
import { Page } from '../components/page';
import { PreviewNotice, publicEventGate } from '../features/events/public-event-gate';

/**
 * Reporting an incident at an event. Online reporting comes next; until then this page says, at
 * once, how to reach the event's team now. It pretends no form exists.
 */
export function ReportIncidentPage() {
  const { slug = '' } = useParams();
  const query = usePublicEvent(slug);
  const gate = publicEventGate('Report an incident', query);
  if (gate) return gate;
  return <HowToReport event={query.data!} />;
}

function HowToReport({ event }: { event: PublicEvent }) {
  const team = event.team ?? [];
  return (
    <Page title={`Report an incident · ${event.name}`} heading="Report an incident">
      {event.preview ? <PreviewNotice /> : null}
      <Text>
        At <strong>{event.name}</strong>.
      </Text>
      <Alert color="red" title="In danger right now?">
        Call your local emergency number first.
      </Alert>
      <Text>
        Reporting through Steward is not open yet for this event. You can reach the event&apos;s
        code-of-conduct team now:
      </Text>
      {event.contactEmail ? (
        <Stack gap="xs">
          <Button component="a" href={`mailto:${event.contactEmail}`} size="lg" fullWidth>
            Email the team
          </Button>
          <Text size="sm">
            Their address is{' '}
            <Anchor href={`mailto:${event.contactEmail}`}>{event.contactEmail}</Anchor>. Say what
            happened, when and where, and how they can reach you if you want an answer.
          </Text>
        </Stack>
      ) : (
        <Text>
          The event has not given a contact email. Find an organizer or a member of staff at the
          event, and tell them you want to report an incident.
        </Text>
      )}
      {team.length ? (
        <>
          <Text>You can also speak to one of them in person:</Text>
          <List>
            {team.map((m) => (
              <List.Item key={`${m.name}-${m.role}`}>{m.name}</List.Item>
            ))}
          </List>
        </>
      ) : null}
      <Anchor component={Link} to={`/e/${encodeURIComponent(event.slug)}`}>
        Back to {event.name}
      </Anchor>
    </Page>
  );
}
