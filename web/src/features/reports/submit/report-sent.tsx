import { useEffect } from 'react';
import { Alert, Anchor, Button, List, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PublicEvent } from '../../../api/events';
import type { EvidenceTarget } from '../../../api/report-submission';
import type { ContactPreference, SubmittedReport } from '../../../api/report-types';
import { Section } from '../../../components/section';
import { ShownOnceField } from '../../../components/shown-once-field';
import { EvidenceList, uploadSummary } from './evidence-picker';
import type { EvidenceUploads } from './evidence-uploads';

/** The private follow-up address of an anonymous report: the token in the fragment, never sent. */
export const followUpUrl = (token: string) =>
  `${window.location.origin}/follow-up#token=${encodeURIComponent(token)}`;

const contactNext: Record<ContactPreference, string> = {
  email: 'They may write to you at your account’s email address.',
  phone: 'They may call you on the number you gave.',
  in_person: 'They may come and find you, as you described.',
  none: 'You asked not to be contacted: they will not reach out, and you can still follow the report.',
};

/**
 * After sending: what happens next, the files' uploads (a failed one can be tried again; the
 * report is safe either way), and for an anonymous report its private link, shown this once.
 */
export function ReportSent({
  event,
  sent,
  uploads,
  target,
}: {
  event: PublicEvent;
  sent: SubmittedReport;
  uploads: EvidenceUploads;
  target: EvidenceTarget;
}) {
  const { report, followUpToken } = sent;
  const files = uploads.files;
  const failed = files.filter((f) => f.status === 'failed');
  const busy = files.some((f) => f.status === 'uploading' || f.status === 'waiting');

  // Leaving while files are still uploading would stop them: the browser asks first.
  useEffect(() => {
    if (!busy) return;
    const hold = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', hold);
    return () => window.removeEventListener('beforeunload', hold);
  }, [busy]);

  const anonymousNone = followUpToken !== null && report.contactPreference === 'none';

  return (
    <Stack gap="md">
      <Text>
        Thank you. Your report <strong>#{report.number}</strong> has reached the code-of-conduct
        team of <strong>{event.name}</strong>.
        {sent.replayed ? ' It had already arrived before; it was not sent twice.' : ''}
      </Text>

      {followUpToken ? <FollowUpLink token={followUpToken} /> : null}

      {files.length ? (
        <Section title="Your files">
          <Text size="sm" role="status" aria-live="polite">
            {uploadSummary(files)}
          </Text>
          <EvidenceList files={files} label="Files of this report" />
          {failed.length && !busy ? (
            <Stack gap="xs">
              <Text size="sm">
                Your report is safe. {failed.length === 1 ? 'This file' : 'These files'} can be
                tried again now
                {followUpToken
                  ? ', or added later through your private link.'
                  : ', or added later on the report’s page.'}
              </Text>
              <div>
                <Button onClick={() => void uploads.uploadAll(target)}>Try again</Button>
              </div>
            </Stack>
          ) : null}
        </Section>
      ) : null}

      <Section title="What happens next">
        <List spacing="xs">
          <List.Item>The team is told about your report now.</List.Item>
          <List.Item>
            {anonymousNone
              ? 'They can answer you only through your private link: open it from time to time.'
              : contactNext[report.contactPreference]}
          </List.Item>
          {followUpToken ? (
            <List.Item>
              With your private link you can see what the team does, answer them and add files.
            </List.Item>
          ) : (
            <List.Item>
              You can follow it in{' '}
              <Anchor component={Link} to="/reports/mine">
                My reports
              </Anchor>{' '}
              and on{' '}
              <Anchor component={Link} to={`/reports/${encodeURIComponent(report.id)}`}>
                the report’s own page
              </Anchor>
              , where you can also add to it.
            </List.Item>
          )}
        </List>
      </Section>

      <Alert color="red" title="In danger right now?" role="note">
        Call your local emergency number.
        {event.contactEmail ? (
          <>
            {' '}
            To reach the team another way, write to{' '}
            <Anchor href={`mailto:${event.contactEmail}`}>{event.contactEmail}</Anchor>.
          </>
        ) : null}
      </Alert>

      <Anchor component={Link} to={`/e/${encodeURIComponent(event.slug)}`}>
        Back to {event.name}
      </Anchor>
    </Stack>
  );
}

/** The private link of an anonymous report, with a copy button and why it must be kept. */
function FollowUpLink({ token }: { token: string }) {
  const url = followUpUrl(token);
  return (
    <Alert color="yellow" title="Save your private link now" role="note">
      <Stack gap="sm">
        <Text size="sm">
          <strong>
            This link is the only way back to your report. It is shown only this once, and nobody
            can recover it, not even the team.
          </strong>{' '}
          Keep it somewhere safe, such as your notes or a password manager. Anyone with it can read
          your report and answer as you, so share it with no one.
        </Text>
        <ShownOnceField label="Your private link" value={url} copyLabel="Copy link" />
      </Stack>
    </Alert>
  );
}
