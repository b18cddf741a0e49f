import { Alert, Anchor, Button, Group, Image, Text } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router';
import { useOrganization, type Organization } from '../api/organizations';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Section } from '../components/section';
import { ChapterList } from '../features/organizations/chapter-list';
import { FirstAdminInvitation } from '../features/organizations/first-admin-invitation';
import { MemberList } from '../features/organizations/member-list';
import { NewChapterForm } from '../features/organizations/new-chapter-form';
import { OrganizationEvents } from '../features/organizations/organization-events';
import classes from '../features/organizations/organization-list.module.css';
import { Loading } from '../components/loading';

/** An organization's dashboard: its events, chapters and members, and what the caller may do. */
export function OrganizationPage() {
  const { orgId = '' } = useParams();
  const session = useSession();
  const org = useOrganization(orgId, { enabled: Boolean(session.data) });
  const notice = (useLocation().state as { notice?: string } | null)?.notice;

  const gate = pageGate('Organization', session, org.error);
  if (gate) return gate;
  if (!org.data) {
    return org.isPending ? (
      <Loading label="Loading" />
    ) : (
      <ErrorAlert error={org.error} title="The organization could not be loaded" />
    );
  }
  const o = org.data;

  return (
    <Page title={o.name} wide>
      {notice ? (
        <Alert color="green" role="status" title="Done">
          {notice}
        </Alert>
      ) : null}
      <About organization={o} />
      <Actions organization={o} />
      {o.adminInvitation || o.can.inviteFirstAdmin ? (
        <Section title="First organization admin">
          <FirstAdminInvitation organization={o} />
        </Section>
      ) : null}
      <Section title="Events">
        <OrganizationEvents orgId={o.id} />
      </Section>
      <Section title="Chapters">
        <ChapterList orgId={o.id} />
        {o.can.createChapter ? <NewChapterForm orgId={o.id} /> : null}
      </Section>
      {o.can.viewMembers ? (
        <Section title="Members">
          <MemberList orgId={o.id} />
        </Section>
      ) : null}
    </Page>
  );
}

function About({ organization: o }: { organization: Organization }) {
  return (
    <Group gap="md" wrap="nowrap" align="flex-start">
      {o.logoUrl ? (
        <Image src={o.logoUrl} alt={`Logo of ${o.name}`} w={64} h={64} fit="contain" radius="sm" />
      ) : null}
      <div className={classes.about}>
        {o.description ? <Text className={classes.text}>{o.description}</Text> : null}
        {o.website ? (
          <Anchor href={o.website} rel="noopener noreferrer">
            {o.website}
          </Anchor>
        ) : null}
      </div>
    </Group>
  );
}

/** The buttons the caller's abilities allow: a new (or proposed) event, the settings, the team. */
function Actions({ organization: o }: { organization: Organization }) {
  const path = `/orgs/${encodeURIComponent(o.id)}`;
  const newEvent = o.can.createEvent ? 'New event' : o.can.proposeEvent ? 'Propose an event' : null;
  const team = o.can.viewMembers;
  if (!newEvent && !o.can.update && !team && !o.can.viewAudit) return null;
  return (
    <Group gap="sm">
      {newEvent ? (
        <Button component={Link} to={`${path}/events/new`}>
          {newEvent}
        </Button>
      ) : null}
      {o.can.update ? (
        <Button component={Link} to={`${path}/settings`} variant="default">
          Settings
        </Button>
      ) : null}
      {team ? (
        <Button component={Link} to={`${path}/team`} variant="default">
          Team
        </Button>
      ) : null}
      {o.can.viewAudit ? (
        <Button component={Link} to={`${path}/audit`} variant="default">
          Audit log
        </Button>
      ) : null}
    </Group>
  );
}
