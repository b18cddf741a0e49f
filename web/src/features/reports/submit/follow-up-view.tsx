import { useState, type FormEvent } from 'react';
import {
  Button,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Typography,
  VisuallyHidden,
} from '@mantine/core';
import {
  useFollowUpComments,
  useFollowUpEvidence,
  useFollowUpReply,
  useRefreshFollowUpEvidence,
} from '../../../api/report-submission';
import { pageCount } from '../../../api/page';
import type { Comment, OwnReport, ReportState } from '../../../api/report-types';
import { reportStates } from '../../../api/report-types';
import { DetailsList } from '../../../components/details-list';
import { ErrorAlert } from '../../../components/error-alert';
import { formErrors } from '../../../components/form-errors';
import { Loading } from '../../../components/loading';
import { Pager } from '../../../components/pager';
import { Section } from '../../../components/section';
import { formatInstant } from '../../shared/instant';
import { EvidencePicker } from './evidence-picker';
import { formatSize, useEvidenceUploads } from './evidence-uploads';
import { typeLabel } from './report-form';
import classes from './submit.module.css';

/** The states in a reporter's words. */
export const stateWords: Record<ReportState, string> = {
  submitted: 'Sent',
  acknowledged: 'Seen by the team',
  investigating: 'Being looked into',
  resolved: 'Resolved',
  closed: 'Closed',
};

const contactWords = {
  email: 'By email',
  phone: 'By phone',
  in_person: 'In person',
  none: 'No contact',
} as const;

/** Server-rendered, sanitized Markdown (a description, a comment). */
function Rendered({ html }: { html: string }) {
  return (
    <Typography>
      <div className={classes.html} dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}

/** An instant on the event's clock, with the zone named. */
function atEvent(iso: string, zone: string): string {
  try {
    const text = new Date(iso).toLocaleString(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: zone,
    });
    return `${text} (${zone})`;
  } catch {
    return formatInstant(iso);
  }
}

/** Where the report stands, as a line of steps: done, current, still to come. */
export function ReportProgress({ report }: { report: OwnReport }) {
  const current = reportStates.indexOf(report.state);
  const reached = new Map<ReportState, string>();
  for (const entry of report.history) reached.set(entry.toState, entry.at);
  return (
    <Stack gap="xs">
      <Text>
        Now: <strong>{stateWords[report.state]}</strong>
      </Text>
      <Group
        component="ol"
        gap="xs"
        aria-label="Progress"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {reportStates.map((state, i) => {
          const at = reached.get(state);
          const done = i <= current;
          return (
            <Paper
              component="li"
              key={state}
              withBorder
              px="xs"
              py={4}
              radius="xl"
              bg={i === current ? 'blue.8' : done ? 'blue.0' : undefined}
              c={i === current ? 'white' : done ? undefined : 'dimmed'}
              aria-current={i === current ? 'step' : undefined}
            >
              <Text size="sm" span>
                {done && i < current ? '✓ ' : ''}
                {stateWords[state]}
                {at && done ? <VisuallyHidden>, {formatInstant(at)}</VisuallyHidden> : null}
              </Text>
            </Paper>
          );
        })}
      </Group>
    </Stack>
  );
}

/**
 * The report behind a follow-up link: where it stands, what was sent, the conversation with the
 * team (with a reply box) and the files (with an upload).
 */
export function FollowUpView({ token, report }: { token: string; report: OwnReport }) {
  const zone = report.event.timeZone;
  return (
    <Stack gap="md">
      <Text size="sm">
        Report #{report.number} at <strong>{report.event.name}</strong>, sent{' '}
        {formatInstant(report.submittedAt)}.
      </Text>
      <ReportProgress report={report} />
      {report.resolution ? (
        <Section title="Outcome">
          <Text style={{ whiteSpace: 'pre-wrap' }}>{report.resolution}</Text>
        </Section>
      ) : null}
      <Section title="What you reported">
        <Rendered html={report.descriptionHtml} />
        <DetailsList
          items={[
            { term: 'Type', value: typeLabel(report.type) },
            {
              term: 'When',
              value: report.incidentAt ? atEvent(report.incidentAt, zone) : 'Not given',
            },
            { term: 'Where', value: report.location || 'Not given' },
            {
              term: 'Who',
              value: report.parties ? (
                <span style={{ whiteSpace: 'pre-wrap' }}>{report.parties}</span>
              ) : (
                'Not given'
              ),
            },
            {
              term: 'Contact',
              value:
                contactWords[report.contactPreference] +
                (report.contactDetails ? `: ${report.contactDetails}` : ''),
            },
          ]}
        />
      </Section>
      <Conversation token={token} canReply={report.can.commentExternal} />
      <Files token={token} canUpload={report.can.uploadEvidence} />
    </Stack>
  );
}

function writerOf(comment: Comment): string {
  if (comment.byReporter) return 'You';
  return comment.writer?.name ?? 'The team';
}

function Conversation({ token, canReply }: { token: string; canReply: boolean }) {
  const [page, setPage] = useState(1);
  const comments = useFollowUpComments(token, page);
  const reply = useFollowUpReply(token);
  const [text, setText] = useState('');
  const [sent, setSent] = useState('');
  const [empty, setEmpty] = useState(false);
  const { fieldError, showAlert } = formErrors(reply.error, ['body']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSent('');
    if (!text.trim()) {
      setEmpty(true);
      return;
    }
    reply.mutate(text.trim(), {
      onSuccess: () => {
        setText('');
        setSent('Your reply was sent to the team.');
        // The newest message is on the last page.
        if (comments.data) {
          setPage(Math.max(1, Math.ceil((comments.data.total + 1) / comments.data.pageSize)));
        }
      },
    });
  };

  const items = comments.data?.items ?? [];
  return (
    <Section title="Messages with the team">
      {comments.isPending ? <Loading label="Loading messages" /> : null}
      {comments.error ? (
        <ErrorAlert error={comments.error} title="The messages could not be loaded" />
      ) : null}
      {comments.data && !items.length ? (
        <Text size="sm">No messages yet. The team can write to you here.</Text>
      ) : null}
      {items.length ? (
        <Stack
          component="ol"
          gap="sm"
          aria-label="Messages"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {items.map((c) => (
            <Paper
              component="li"
              key={c.id}
              withBorder
              p="sm"
              radius="md"
              bg={c.byReporter ? 'gray.0' : undefined}
            >
              <Text size="sm" fw={500}>
                {writerOf(c)}{' '}
                <Text span size="sm" c="dimmed" fw={400}>
                  · {formatInstant(c.createdAt)}
                  {c.editedAt ? ' · edited' : ''}
                </Text>
              </Text>
              {c.deleted ? (
                <Text size="sm" c="dimmed">
                  This message was removed.
                </Text>
              ) : (
                <Rendered html={c.bodyHtml} />
              )}
            </Paper>
          ))}
        </Stack>
      ) : null}
      <Pager
        page={page}
        pages={pageCount(comments.data)}
        onPage={setPage}
        previous="Earlier"
        next="Later"
        label="Pages of messages"
      />
      {canReply ? (
        <form onSubmit={submit} noValidate aria-label="Reply to the team">
          <Stack gap="xs">
            {showAlert ? <ErrorAlert error={reply.error} title="Your reply was not sent" /> : null}
            <Textarea
              label="Your reply"
              description="Only the team sees it. Markdown works, plain text is fine."
              rows={3}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setEmpty(false);
              }}
              error={empty ? 'Write your reply first' : fieldError('body')}
            />
            <Group gap="sm">
              <Button type="submit" loading={reply.isPending}>
                Send reply
              </Button>
              <Text size="sm" role="status">
                {sent}
              </Text>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Section>
  );
}

function Files({ token, canUpload }: { token: string; canUpload: boolean }) {
  const evidence = useFollowUpEvidence(token);
  const refresh = useRefreshFollowUpEvidence(token);
  const uploads = useEvidenceUploads();
  const [status, setStatus] = useState('');
  const waiting = uploads.files.filter((f) => f.status === 'waiting' || f.status === 'failed');
  const busy = uploads.files.some((f) => f.status === 'uploading');

  const send = async () => {
    setStatus('');
    await uploads.uploadAll({ followUpToken: token });
    await refresh();
    setStatus('Done. Files that did not upload stay below with the reason.');
    uploads.clearDone();
  };

  const items = evidence.data ?? [];
  return (
    <Section title="Files">
      {evidence.isPending ? <Loading label="Loading files" /> : null}
      {evidence.error ? (
        <ErrorAlert error={evidence.error} title="The files could not be loaded" />
      ) : null}
      {evidence.data && !items.length ? <Text size="sm">No files yet.</Text> : null}
      {items.length ? (
        <ul className={classes.files} aria-label="Files of this report">
          {items.map((f) => (
            <li key={f.id} className={classes.file}>
              <div className={classes.fileText}>
                <Text size="sm" fw={500}>
                  {f.fileName}
                </Text>
                <Text size="sm" c="dimmed">
                  {formatSize(f.size)} · {f.byReporter ? 'added by you' : 'added by the team'},{' '}
                  {formatInstant(f.createdAt)}
                </Text>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {canUpload ? (
        <Stack gap="xs">
          <EvidencePicker
            uploads={uploads}
            disabled={busy}
            hint="Photos, videos, recordings, PDF or text, or drop files here. The team sees them with your report."
          />
          {waiting.length ? (
            <div>
              <Button onClick={() => void send()} loading={busy}>
                {waiting.length === 1 ? 'Upload 1 file' : `Upload ${waiting.length} files`}
              </Button>
            </div>
          ) : null}
          <Text size="sm" role="status">
            {status}
          </Text>
        </Stack>
      ) : null}
    </Section>
  );
}
