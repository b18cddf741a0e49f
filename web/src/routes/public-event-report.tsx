import { useState } from 'react';
import { Alert, Anchor, Button, List, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { usePublicEvent, type PublicEvent } from '../api/events';
import type { EvidenceTarget } from '../api/report-submission';
import type { SubmittedReport } from '../api/report-types';
import { useSession } from '../api/session';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { Section } from '../components/section';
import { withNext } from '../features/auth/next-path';
import { PreviewNotice, publicEventGate } from '../features/events/public-event-gate';
import { useEvidenceUploads } from '../features/reports/submit/evidence-uploads';
import { ReportForm } from '../features/reports/submit/report-form';
import { ReportSent } from '../features/reports/submit/report-sent';

/**
 * Reporting an incident at an event: the form for those who may report (anonymously where the
 * event allows it), then what happens next. Those who may not report here learn why, and how to
 * reach the team all the same; the emergency notice and the team's contact are always there.
 */
export function ReportIncidentPage() {
  const { slug = '' } = useParams();
  const query = usePublicEvent(slug);
  const session = useSession();
  const gate = publicEventGate('Report an incident', query);
  if (gate) return gate;
  if (session.isPending) {
    return (
      <Page title="Report an incident">
        <Loading label="Loading" />
      </Page>
    );
  }
  return <ReportIncident key={slug} event={query.data!} signedIn={Boolean(session.data)} />;
}

type Access = 'form' | 'sign-in' | 'participants' | 'closed';

function access(event: PublicEvent, signedIn: boolean): Access {
  if (event.canReport) return 'form';
  if (!signedIn && event.reportIntake !== 'anonymous') return 'sign-in';
  if (signedIn && event.reportIntake === 'members') return 'participants';
  return 'closed';
}

function ReportIncident({ event, signedIn }: { event: PublicEvent; signedIn: boolean }) {
  const uploads = useEvidenceUploads();
  const [sent, setSent] = useState<{ answer: SubmittedReport; target: EvidenceTarget } | null>(
    null,
  );
  const title = `Report an incident · ${event.name}`;

  if (sent) {
    return (
      <Page title={title} heading="Report sent">
        <ReportSent event={event} sent={sent.answer} uploads={uploads} target={sent.target} />
      </Page>
    );
  }

  const mode = access(event, signedIn);
  const onSent = (answer: SubmittedReport) => {
    const target: EvidenceTarget = answer.followUpToken
      ? { followUpToken: answer.followUpToken }
      : { reportId: answer.report.id };
    setSent({ answer, target });
    void uploads.uploadAll(target);
  };

  return (
    <Page title={title} heading="Report an incident">
      {event.preview ? <PreviewNotice /> : null}
      <Alert color="red" title="In danger right now?" p="sm" role="note">
        Call your local emergency number first.
      </Alert>
      <Text>
        At <strong>{event.name}</strong>. Only the event’s code-of-conduct team reads reports.
      </Text>
      {mode === 'form' ? (
        <ReportForm event={event} signedIn={signedIn} uploads={uploads} onSent={onSent} />
      ) : (
        <CannotReport event={event} mode={mode} />
      )}
      <ContactTheTeam event={event} prominent={mode !== 'form'} />
      <Anchor component={Link} to={`/e/${encodeURIComponent(event.slug)}`}>
        Back to {event.name}
      </Anchor>
    </Page>
  );
}

/** Why this person cannot report here online, and what they can do. */
function CannotReport({ event, mode }: { event: PublicEvent; mode: Exclude<Access, 'form'> }) {
  const here = `/e/${encodeURIComponent(event.slug)}/report`;
  if (mode === 'sign-in') {
    return (
      <Stack gap="xs">
        <Text>
          {event.reportIntake === 'members'
            ? 'Reporting online here is for the event’s participants. Sign in with the account you registered with to send a report.'
            : 'Sign in to send a report online.'}
        </Text>
        <div>
          <Button component={Link} to={withNext('/sign-in', here)} size="md">
            Sign in to report
          </Button>
        </div>
      </Stack>
    );
  }
  if (mode === 'participants') {
    return (
      <Text>
        Reporting online here is for the event’s participants: its team and the people who
        registered. You can still tell the team what happened:
      </Text>
    );
  }
  return (
    <Text>
      This event does not take reports online right now. You can still tell the team what happened:
    </Text>
  );
}

/** The team's email and, where the event shows them, their names. */
function ContactTheTeam({ event, prominent }: { event: PublicEvent; prominent: boolean }) {
  const team = event.team ?? [];
  const body = (
    <Stack gap="xs">
      {event.contactEmail ? (
        <>
          {prominent ? (
            <Button component="a" href={`mailto:${event.contactEmail}`} size="lg" fullWidth>
              Email the team
            </Button>
          ) : null}
          <Text size="sm">
            {prominent ? 'Their address is ' : 'You can also write to the team at '}
            <Anchor href={`mailto:${event.contactEmail}`}>{event.contactEmail}</Anchor>.
            {prominent
              ? ' Say what happened, when and where, and how they can reach you if you want an answer.'
              : ''}
          </Text>
        </>
      ) : (
        <Text size="sm">
          The event has not given a contact email. Find an organizer or a member of staff at the
          event, and tell them you want to report an incident.
        </Text>
      )}
      {team.length ? (
        <>
          <Text size="sm">You can also speak to one of them in person:</Text>
          <List size="sm">
            {team.map((m) => (
              <List.Item key={`${m.name}-${m.role}`}>{m.name}</List.Item>
            ))}
          </List>
        </>
      ) : null}
    </Stack>
  );
  return <Section title={prominent ? 'Reach the team' : 'Rather talk to someone?'}>{body}</Section>;
}
