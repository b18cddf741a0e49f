import { useState } from 'react';
import { Anchor, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useSession } from '../api/session';
import { useTeam, type TeamKind } from '../api/teams';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Section } from '../components/section';
import { useAddressSearch } from '../components/use-address-search';
import { AddMemberForm } from '../features/teams/add-member-form';
import { InviteByEmail } from '../features/teams/invite-by-email';
import { InviteLinkForm } from '../features/teams/invite-link-form';
import { InviteLinkList } from '../features/teams/invite-link-list';
import { SentInvitations } from '../features/teams/sent-invitations';
import { TeamMembers } from '../features/teams/team-members';
import { useTeamScope } from '../features/teams/team-scope';

/**
 * The team of an event (`/events/:eventId/team`) or the members of an organization
 * (`/orgs/:orgId/team`): who holds which role, changing and removing them, adding people,
 * email invitations and invite links; each part shown only where the server allows it.
 */
export function TeamPage({ kind }: { kind: TeamKind }) {
  const params = useParams();
  const id = (kind === 'event' ? params.eventId : params.orgId) ?? '';
  const session = useSession();
  const search = useAddressSearch();
  const enabled = Boolean(session.data);
  const filter = { q: search.q, role: search.filter('role'), page: search.page };
  const team = useTeam(kind, id, filter, { enabled });
  const scope = useTeamScope(kind, id, { enabled });
  // Addresses handed from "add someone" to the invitation form, which starts again with them.
  const [invite, setInvite] = useState<{ emails: string; at: number } | null>(null);

  const gate = pageGate('Team', session, team.error ?? scope.error);
  if (gate) return gate;
  if (!team.data || !scope.name) {
    const error = team.data ? scope.error : team.error;
    return (
      <Page title="Team">
        {error ? (
          <ErrorAlert error={error} title="The team could not be loaded" />
        ) : (
          <Loading label="Loading the team" />
        )}
      </Page>
    );
  }
  const { can } = team.data;
  const forms = can.assignable.length > 0;

  return (
    <Page title={`Team of ${scope.name}`} wide>
      <div>
        <Anchor component={Link} to={scope.path}>
          Back to {scope.name}
        </Anchor>
      </div>
      <Section title="Members">
        <TeamMembers kind={kind} id={id} scopeName={scope.name} search={search} team={team} />
      </Section>
      {can.manage && forms ? (
        <Section title="Add someone">
          <AddMemberForm
            kind={kind}
            id={id}
            roles={can.assignable}
            onInviteInstead={
              can.invite ? (emails) => setInvite({ emails, at: Date.now() }) : undefined
            }
          />
        </Section>
      ) : null}
      {can.invite ? (
        <>
          <Section title="Invite by email">
            {forms ? (
              <InviteByEmail
                key={invite?.at ?? 0}
                kind={kind}
                id={id}
                roles={can.assignable}
                initialEmails={invite?.emails}
              />
            ) : null}
            <Title order={3} size="h4">
              Waiting invitations
            </Title>
            <SentInvitations kind={kind} id={id} />
          </Section>
          <Section title="Invite links">
            {forms ? <InviteLinkForm kind={kind} id={id} roles={can.assignable} /> : null}
            <Title order={3} size="h4">
              Links so far
            </Title>
            <InviteLinkList kind={kind} id={id} />
          </Section>
        </>
      ) : null}
    </Page>
  );
}
