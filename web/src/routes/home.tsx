import { Alert, Anchor, Button, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useSession, useSetupStatus } from '../api/session';
import { Page } from '../components/page';
import { Section } from '../components/section';
import { MyEventsList } from '../features/events/my-events-list';
import { Loading } from '../components/loading';

/** The start page: what Steward is for visitors, a welcome for people signed in. */
export function HomePage() {
  const session = useSession();
  const setup = useSetupStatus();
  const state = useLocation().state as {
    setupDone?: boolean;
    accountDeleted?: boolean;
    notice?: string;
  } | null;
  const justSetUp = state?.setupDone === true;

  if (session.isPending) return <Loading label="Loading" />;
  const user = session.data;
  if (user) {
    return (
      <Page title="Home" heading={`Welcome, ${user.name}`}>
        {justSetUp ? (
          <Alert color="green" title="Your admin account is ready">
            You are the first system admin of this Steward.
          </Alert>
        ) : null}
        {state?.notice ? (
          <Alert color="green" role="status" title="Done">
            {state.notice}
          </Alert>
        ) : null}
        <Section title="Your events">
          <MyEventsList />
        </Section>
        <Text>
          Looking for an organization and its events?{' '}
          <Anchor component={Link} to="/orgs">
            See the organizations
          </Anchor>
          .
        </Text>
      </Page>
    );
  }
  return (
    <Page title="Welcome" heading="Welcome to Steward">
      {state?.accountDeleted ? (
        <Alert color="blue" title="Your account is deleted" role="status">
          Thank you for being here. You have been signed out.
        </Alert>
      ) : null}
      <Text>
        Steward runs community events and conferences with code-of-conduct incident response built
        in: attendees can report an incident from their phone in a minute, and the event&apos;s
        response team handles it with care.
      </Text>
      {setup.data ? (
        <Alert color="yellow" title="Steward is not set up yet">
          The operator creates the first admin account with the one-time setup link printed in the
          server log.
        </Alert>
      ) : null}
      <div>
        <Button component={Link} to="/sign-in" size="md">
          Sign in
        </Button>
      </div>
    </Page>
  );
}
