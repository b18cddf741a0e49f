import { useRef, useState, type FormEvent } from 'react';
import { Badge, Button, Group, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import {
  useCommentRevisions,
  useDeleteComment,
  useEditComment,
  useShareComment,
} from '../../../api/comments';
import type { Comment } from '../../../api/report-types';
import { ErrorAlert } from '../../../components/error-alert';
import { formErrors } from '../../../components/form-errors';
import { Loading } from '../../../components/loading';
import { ReasonDialog } from '../../../components/reason-dialog';
import { formatInstant } from '../../shared/instant';
import { RenderedMarkdown } from './rendered-markdown';
import { personName } from './words';
import classes from './detail.module.css';

/** Who wrote a comment, as the reader sees it. */
function writerName(comment: Comment, team: boolean): string {
  if (!team && comment.byReporter) return 'You';
  return personName(comment.writer, comment.byReporter);
}

/**
 * One comment: who wrote it and when, whether it was edited, and its text as the server rendered
 * it. The team also sees which comments are internal notes (on a background of their own) and
 * which were shared with the reporter; the author sees none of that.
 */
export function CommentItem({
  comment,
  reportId,
  team,
}: {
  comment: Comment;
  reportId: string;
  /** The team's view (internal notes and their marks); false for the author. */
  team: boolean;
}) {
  const [mode, setMode] = useState<'read' | 'edit' | 'delete' | 'share' | 'revisions'>('read');
  const editButton = useRef<HTMLButtonElement>(null);
  const back = () => {
    setMode('read');
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const internal = team && comment.visibility === 'internal' && !comment.deleted;
  const who = writerName(comment, team);

  if (comment.deleted) {
    return (
      <Paper component="li" withBorder p="sm" radius="md" mb="sm">
        <Text size="sm" fs="italic">
          Comment deleted
        </Text>
        <Text size="xs" c="dimmed">
          Written {formatInstant(comment.createdAt)}
        </Text>
      </Paper>
    );
  }

  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      mb="sm"
      className={internal ? classes.internal : undefined}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text fw={600} className={classes.wrap}>
            {who}
          </Text>
          {team && comment.byReporter ? (
            <Badge component="span" variant="outline" color="blue.9">
              Reporter
            </Badge>
          ) : null}
          {internal ? (
            <Badge component="span" variant="filled" color="yellow.4" autoContrast>
              Internal note
            </Badge>
          ) : null}
          {team && comment.shared ? (
            <Badge component="span" variant="outline" color="teal.9">
              Shared with the reporter
            </Badge>
          ) : null}
          {team && !comment.byReporter && comment.visibility === 'external' && !comment.shared ? (
            <Badge component="span" variant="outline" color="teal.9">
              Sent to the reporter
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {formatInstant(comment.createdAt)}
          {comment.editedAt ? ' · edited' : ''}
          {team && comment.shared
            ? ` · shared ${comment.shared.by ? `by ${comment.shared.by.name} ` : ''}on ${formatInstant(comment.shared.at)}`
            : ''}
        </Text>
        {mode === 'edit' ? (
          <EditForm comment={comment} reportId={reportId} onDone={back} />
        ) : (
          <RenderedMarkdown html={comment.bodyHtml} />
        )}
        {mode !== 'edit' &&
        (comment.can.edit ||
          comment.can.delete ||
          comment.can.share ||
          (comment.editedAt && comment.can.viewRevisions)) ? (
          <Group gap="xs" wrap="wrap">
            {comment.can.edit ? (
              <Button
                ref={editButton}
                size="sm"
                variant="default"
                aria-label={`Edit your comment of ${formatInstant(comment.createdAt)}`}
                onClick={() => setMode('edit')}
              >
                Edit
              </Button>
            ) : null}
            {comment.editedAt && comment.can.viewRevisions ? (
              <Button size="sm" variant="subtle" onClick={() => setMode('revisions')}>
                Earlier versions
              </Button>
            ) : null}
            {comment.can.share ? (
              <Button size="sm" variant="default" onClick={() => setMode('share')}>
                Share with the reporter
              </Button>
            ) : null}
            {comment.can.delete ? (
              <Button
                size="sm"
                variant="outline"
                color="red.9"
                aria-label={`Delete the comment by ${who} of ${formatInstant(comment.createdAt)}`}
                onClick={() => setMode('delete')}
              >
                Delete
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      {mode === 'delete' ? (
        <DeleteDialog comment={comment} reportId={reportId} who={who} onClose={back} />
      ) : null}
      {mode === 'share' ? (
        <ShareDialog comment={comment} reportId={reportId} onClose={back} />
      ) : null}
      {mode === 'revisions' ? <RevisionsDialog comment={comment} onClose={back} /> : null}
    </Paper>
  );
}

function EditForm({
  comment,
  reportId,
  onDone,
}: {
  comment: Comment;
  reportId: string;
  onDone: () => void;
}) {
  const [body, setBody] = useState(comment.body);
  const edit = useEditComment(reportId);
  const { fieldError, showAlert } = formErrors(edit.error, ['body']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === comment.body.trim()) return onDone();
    edit.mutate({ id: comment.id, body: body.trim() }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label="Your comment"
          description="The earlier wording is kept, and the team can read it."
          resize="vertical"
          rows={3}
          maxLength={20_000}
          data-autofocus
          autoFocus
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={fieldError('body')}
        />
        {showAlert ? <ErrorAlert error={edit.error} title="The comment was not changed" /> : null}
        <Group gap="sm">
          <Button type="submit" loading={edit.isPending} disabled={!body.trim()}>
            Save
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteDialog({
  comment,
  reportId,
  who,
  onClose,
}: {
  comment: Comment;
  reportId: string;
  who: string;
  onClose: () => void;
}) {
  const remove = useDeleteComment(reportId);
  return (
    <ReasonDialog
      title="Delete this comment?"
      explanation={`The comment by ${who} and its earlier versions are erased; a mark that a comment was deleted stays in its place.`}
      confirmLabel="Delete comment"
      danger
      pending={remove.isPending}
      error={remove.error}
      onConfirm={(reason) => remove.mutate({ id: comment.id, reason }, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}

function ShareDialog({
  comment,
  reportId,
  onClose,
}: {
  comment: Comment;
  reportId: string;
  onClose: () => void;
}) {
  const share = useShareComment(reportId);
  return (
    <ReasonDialog
      title="Share this note with the reporter?"
      explanation="The reporter will see this note from now on, as a message from the team. This cannot be taken back."
      confirmLabel="Share with the reporter"
      pending={share.isPending}
      error={share.error}
      withReason={false}
      onConfirm={() => share.mutate(comment.id, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}

/** The comment's earlier wordings, oldest first, each with when it was replaced. */
function RevisionsDialog({ comment, onClose }: { comment: Comment; onClose: () => void }) {
  const revisions = useCommentRevisions(comment.id, { enabled: true });
  return (
    <Modal
      opened
      onClose={onClose}
      title="Earlier versions"
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {revisions.error ? (
        <ErrorAlert error={revisions.error} title="The earlier versions could not be loaded" />
      ) : !revisions.data ? (
        <Loading label="Loading the earlier versions" />
      ) : (
        <Stack gap="sm">
          <ol className={classes.list} aria-label="Earlier versions, oldest first">
            {revisions.data.items.map((revision, i) => (
              <Paper component="li" key={i} withBorder p="sm" radius="md" mb="sm">
                <Text size="xs" c="dimmed">
                  Version {i + 1}, replaced {formatInstant(revision.replacedAt)}
                </Text>
                <RenderedMarkdown html={revision.bodyHtml} />
              </Paper>
            ))}
          </ol>
          <Paper withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed">
              Now{comment.editedAt ? `, since ${formatInstant(comment.editedAt)}` : ''}
            </Text>
            <RenderedMarkdown html={comment.bodyHtml} />
          </Paper>
        </Stack>
      )}
    </Modal>
  );
}
