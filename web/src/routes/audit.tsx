import { Anchor, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useEvent } from '../api/events';
import { useOrganization } from '../api/organizations';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { AuditLog } from '../features/audit/audit-log';
import { NotFoundPage } from './not-found';

/** Where the log's scope could not be loaded, or is not the caller's to read. */
function NotYours({ title, back, what }: { title: string; back: string; what: string }) {
  return (
    <Page title={title} heading="Audit log">
      <Text>The audit log of {what} is open only to its admins.</Text>
      <div>
        <Anchor component={Link} to={back}>
          Back to {what}
        </Anchor>
      </div>
    </Page>
  );
}

/** An event's audit log (`/events/:eventId/audit`), for its admins. */
export function EventAuditPage() {
  const { eventId = '' } = useParams();
  const session = useSession();
  const event = useEvent(eventId, { enabled: Boolean(session.data) });
  const gate = pageGate('Audit log', session, event.error);
  if (gate) return gate;
  if (!event.data) {
    return (
      <Page title="Audit log">
        {event.error ? (
          <ErrorAlert error={event.error} title="The event could not be loaded" />
        ) : (
          <Loading label="Loading the event" />
        )}
      </Page>
    );
  }
  const back = `/events/${encodeURIComponent(event.data.id)}`;
  if (!event.data.can.viewAudit) {
    return (
      <NotYours title={`Audit log of ${event.data.name}`} back={back} what={event.data.name} />
    );
  }
  return (
    <Page title={`Audit log of ${event.data.name}`} heading={`Audit log: ${event.data.name}`} wide>
      <Text>
        Every change in this event and every refused attempt, newest first. Reports’ views are in
        each report’s access log.
      </Text>
      <AuditLog scope={{ type: 'event', id: event.data.id }} />
    </Page>
  );
}

/** An organization's audit log with its chapters' (`/orgs/:orgId/audit`), for its admins. */
export function OrganizationAuditPage() {
  const { orgId = '' } = useParams();
  const session = useSession();
  const org = useOrganization(orgId, { enabled: Boolean(session.data) });
  const gate = pageGate('Audit log', session, org.error);
  if (gate) return gate;
  if (!org.data) {
    return (
      <Page title="Audit log">
        {org.error ? (
          <ErrorAlert error={org.error} title="The organization could not be loaded" />
        ) : (
          <Loading label="Loading the organization" />
        )}
      </Page>
    );
  }
  const back = `/orgs/${encodeURIComponent(org.data.id)}`;
  if (!org.data.can.viewAudit) {
    return <NotYours title={`Audit log of ${org.data.name}`} back={back} what={org.data.name} />;
  }
  return (
    <Page title={`Audit log of ${org.data.name}`} heading={`Audit log: ${org.data.name}`} wide>
      <Text>
        Changes to the organization, its members and its chapters, and refused attempts. Each event
        has its own log, on the event’s page.
      </Text>
      <AuditLog scope={{ type: 'organization', id: org.data.id }} />
    </Page>
  );
}

/** The system audit log (`/admin/audit`), for system admins. */
export function SystemAuditPage() {
  const session = useSession();
  const gate = pageGate('Audit log', session, null);
  if (gate) return gate;
  if (!session.data?.systemRoles.includes('system_admin')) return <NotFoundPage />;
  return (
    <Page title="System audit log" wide>
      <Text>
        Sign-ins (refused ones too), accounts, system roles and settings, organizations created and
        retention purges, with the client address of each.
      </Text>
      <AuditLog scope={{ type: 'system' }} />
    </Page>
  );
}
