import { Anchor, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useEvent } from '../api/events';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Section } from '../components/section';
import { EventConductForm } from '../features/events/event-conduct-form';
import { EventDetailsForm } from '../features/events/event-details-form';
import { EventLogisticsForm } from '../features/events/event-logistics-form';
import { EventLogo } from '../features/events/event-logo';
import { EventPolicyForm } from '../features/events/event-policy-form';
import { EmailDetailForm } from '../features/notifications/email-detail-form';
import { Loading } from '../components/loading';
import { WebhooksSection } from '../features/webhooks/webhooks-section';
import { SessionsEditor } from '../features/sessions/sessions-editor';

const TITLE = 'Event settings';

/**
 * An event's settings, each part saved on its own: details, logistics (location, places, RSVPs)
 * and sessions (for those who may update the event); the conduct settings, policy, logo and
 * webhooks for new reports (for its admins).
 */
export function EventSettingsPage() {
  const { eventId = '' } = useParams();
  const session = useSession();
  const query = useEvent(eventId, { enabled: Boolean(session.data) });

  const gate = pageGate(TITLE, session, query.error);
  if (gate) return gate;
  const event = query.data;
  if (!event) {
    return (
      <Page title={TITLE}>
        {query.error ? (
          <ErrorAlert error={query.error} title="The event could not be loaded" />
        ) : (
          <Loading label="Loading the event" />
        )}
      </Page>
    );
  }
  const { can } = event;
  const back = (
    <Anchor component={Link} to={`/events/${encodeURIComponent(event.id)}`}>
      Back to {event.name}
    </Anchor>
  );
  return (
    <Page title={`${TITLE}: ${event.name}`} heading={`Settings of ${event.name}`}>
      {back}
      {!can.update && !can.updateSettings ? (
        <Text>You cannot change this event&apos;s settings.</Text>
      ) : null}
      {can.update ? (
        <>
          <Section title="Details">
            <EventDetailsForm event={event} />
          </Section>
          <Section title="Logistics">
            <EventLogisticsForm event={event} />
          </Section>
          <Section title="Sessions">
            <SessionsEditor event={event} />
          </Section>
        </>
      ) : null}
      {can.updateSettings ? (
        <>
          <Section title="Code of conduct and reporting">
            <EventConductForm event={event} />
          </Section>
          <Section title="Logo">
            <EventLogo event={event} />
          </Section>
          <Section title="Policy">
            <EventPolicyForm event={event} />
          </Section>
          <Section title="Webhooks">
            <WebhooksSection eventId={event.id} />
          </Section>
          <Section title="Emails about reports">
            <EmailDetailForm event={event} />
          </Section>
        </>
      ) : null}
    </Page>
  );
}
