import { Anchor, Text } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { useChapters } from '../api/chapters';
import { useOrganization } from '../api/organizations';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { CreateEventForm } from '../features/events/create-event-form';
import { Loading } from '../components/loading';

const TITLE = 'New event';

/**
 * Create an event in an organization (or propose one, where that is all the caller may do);
 * `?chapter=<id>` starts with that chapter chosen.
 */
export function NewEventPage() {
  const { orgId = '' } = useParams();
  const [params] = useSearchParams();
  const session = useSession();
  const signedIn = Boolean(session.data);
  const org = useOrganization(orgId, { enabled: signedIn });
  // A chapter picker: the most chapters a page holds (an organization rarely has more).
  const chapters = useChapters(orgId, 1, 100);

  const gate = pageGate(TITLE, session, org.error);
  if (gate) return gate;
  if (!org.data || !chapters.data) {
    const error = org.error ?? chapters.error;
    return (
      <Page title={TITLE}>
        {error ? (
          <ErrorAlert error={error} title="The organization could not be loaded" />
        ) : (
          <Loading label="Loading" />
        )}
      </Page>
    );
  }
  const organization = org.data;
  const mayCreate =
    organization.can.createEvent ||
    organization.can.proposeEvent ||
    chapters.data.items.some((c) => c.can.createEvent);
  return (
    <Page title={TITLE} heading={`New event in ${organization.name}`}>
      {mayCreate ? (
        <CreateEventForm
          organization={organization}
          chapters={chapters.data.items}
          isSystemAdmin={session.data?.systemRoles.includes('system_admin') ?? false}
          initialChapterId={params.get('chapter')}
        />
      ) : (
        <Text>
          You cannot create events in {organization.name}. Its admins can, and, where the
          organization allows it, anyone may propose one.{' '}
          <Anchor component={Link} to={`/orgs/${encodeURIComponent(organization.id)}`}>
            Back to {organization.name}
          </Anchor>
        </Text>
      )}
    </Page>
  );
}
