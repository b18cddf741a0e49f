import { Anchor, Button, Group, Image, List, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { usePublicEvent, type PublicEvent } from '../api/events';
import { useSessions } from '../api/sessions';
import { Page } from '../components/page';
import { Section } from '../components/section';
import { CodeOfConduct } from '../features/events/code-of-conduct';
import { formatEventDays } from '../features/events/event-dates';
import { PreviewNotice, publicEventGate } from '../features/events/public-event-gate';
import { RsvpCard } from '../features/rsvps/rsvp-card';
import { WhenAndWhere } from '../features/rsvps/when-and-where';
import { roleLabel } from '../features/shared/role-label';
import classes from '../features/events/public-event.module.css';

/**
 * An event's public page, for anyone (signed out too): what it is, when and where (with its
 * sessions and a calendar file), how to RSVP, and how to report.
 */
export function PublicEventPage() {
  const { slug = '' } = useParams();
  const query = usePublicEvent(slug);
  const gate = publicEventGate('Event', query);
  if (gate) return gate;
  return <PublicEventView event={query.data!} />;
}

function PublicEventView({ event }: { event: PublicEvent }) {
  const days = formatEventDays(event.startsOn, event.endsOn);
  const sessions = useSessions(event.eventId);
  return (
    <Page title={event.name}>
      {event.preview ? <PreviewNotice /> : null}
      <Group gap="md" wrap="nowrap" align="center">
        {event.logoUrl ? (
          <Image src={event.logoUrl} alt="" w={72} h={72} fit="contain" className={classes.logo} />
        ) : null}
        <Stack gap={4} miw={0}>
          <Text className={classes.wrap}>By {event.organization.name}</Text>
          {days ? (
            <Text size="sm">
              {days} ({event.timeZone})
            </Text>
          ) : null}
        </Stack>
      </Group>
      <Button
        component={Link}
        to={`/e/${encodeURIComponent(event.slug)}/report`}
        size="lg"
        color="red.8"
        fullWidth
      >
        Report an incident
      </Button>
      {event.description.trim() ? (
        <Text className={classes.description}>{event.description}</Text>
      ) : null}
      {event.website || event.contactEmail ? (
        <Stack gap={4}>
          {event.website ? (
            <Text>
              Website:{' '}
              <Anchor href={event.website} rel="noopener noreferrer" className={classes.wrap}>
                {event.website}
              </Anchor>
            </Text>
          ) : null}
          {event.contactEmail ? (
            <Text>
              Contact the team:{' '}
              <Anchor href={`mailto:${event.contactEmail}`} className={classes.wrap}>
                {event.contactEmail}
              </Anchor>
            </Text>
          ) : null}
        </Stack>
      ) : null}
      <WhenAndWhere event={event} sessions={sessions} />
      <RsvpCard event={event} sessions={sessions} />
      <Section title="Code of conduct">
        {event.codeOfConductHtml.trim() ? (
          <CodeOfConduct html={event.codeOfConductHtml} />
        ) : (
          <Text>This event has not published its code of conduct yet.</Text>
        )}
      </Section>
      {event.team ? (
        <Section title="Code-of-conduct team">
          {event.team.length ? (
            <List>
              {event.team.map((m) => (
                <List.Item key={`${m.name}-${m.role}`}>
                  {m.name} ({roleLabel(m.role)})
                </List.Item>
              ))}
            </List>
          ) : (
            <Text>The team has not been named yet.</Text>
          )}
        </Section>
      ) : null}
    </Page>
  );
}
