import { useState, type FormEvent } from 'react';
import { Button, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useAddComment, useComments, type CommentVisibility } from '../../../api/comments';
import { ErrorAlert } from '../../../components/error-alert';
import { formErrors } from '../../../components/form-errors';
import { Loading } from '../../../components/loading';
import { CommentItem } from './comment-item';
import classes from './detail.module.css';

/**
 * A report's conversation, oldest first, more loaded below on request; and the composer. The team
 * writes either a reply the reporter sees or an internal note, told apart at a glance; the author
 * only writes to the team, and sees nothing of internal notes.
 */
export function CommentsPanel({
  reportId,
  team,
  canExternal,
  canInternal,
  anonymous,
}: {
  reportId: string;
  team: boolean;
  canExternal: boolean;
  canInternal: boolean;
  anonymous: boolean;
}) {
  const comments = useComments(reportId, { enabled: true });
  const items = comments.data?.pages.flatMap((p) => p.items) ?? [];
  const total = comments.data?.pages.at(-1)?.total ?? 0;
  const more = total - items.length;

  return (
    <Stack gap="md">
      {comments.error ? (
        <ErrorAlert error={comments.error} title="The comments could not be loaded" />
      ) : !comments.data ? (
        <Loading label="Loading the comments" />
      ) : items.length === 0 ? (
        <Text>
          {team
            ? 'No comments yet.'
            : 'No messages yet. When the team writes to you, you will find it here.'}
        </Text>
      ) : (
        <ol className={classes.list} aria-label={team ? 'Comments, oldest first' : 'Messages'}>
          {items.map((comment) => (
            <CommentItem key={comment.id} comment={comment} reportId={reportId} team={team} />
          ))}
        </ol>
      )}
      {comments.hasNextPage ? (
        <div>
          <Button
            variant="default"
            loading={comments.isFetchingNextPage}
            onClick={() => void comments.fetchNextPage()}
          >
            Show {more > 0 ? `${more} more` : 'more'}
          </Button>
        </div>
      ) : null}
      {canExternal || (team && canInternal) ? (
        <Composer
          reportId={reportId}
          team={team}
          modes={[
            ...(canExternal ? (['external'] as const) : []),
            ...(team && canInternal ? (['internal'] as const) : []),
          ]}
          anonymous={anonymous}
        />
      ) : null}
    </Stack>
  );
}

const modeLabels: Record<CommentVisibility, string> = {
  external: 'Reply to reporter',
  internal: 'Internal note',
};

function Composer({
  reportId,
  team,
  modes,
  anonymous,
}: {
  reportId: string;
  team: boolean;
  modes: CommentVisibility[];
  anonymous: boolean;
}) {
  // An internal note first where both are open: a slip then stays within the team.
  const [mode, setMode] = useState<CommentVisibility>(
    modes.includes('internal') ? 'internal' : modes[0]!,
  );
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const [sent, setSent] = useState('');
  const add = useAddComment(reportId);
  const { fieldError, showAlert } = formErrors(add.error, ['body']);
  const internal = mode === 'internal';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return setMissing(true);
    setSent('');
    add.mutate(
      { body: body.trim(), visibility: team ? mode : 'external' },
      {
        onSuccess: () => {
          setBody('');
          setSent(
            !team
              ? 'Your message was sent to the team.'
              : internal
                ? 'Internal note added.'
                : 'Your reply was sent to the reporter.',
          );
        },
      },
    );
  };

  const label = !team
    ? 'Message to the team'
    : internal
      ? 'Internal note'
      : 'Reply to the reporter';
  const explanation = !team
    ? 'The event’s response team reads it. Markdown works.'
    : internal
      ? 'Internal — the reporter never sees this.'
      : `The reporter sees this reply${anonymous ? ' through their private follow-up link' : ''}.`;

  return (
    <Paper
      component="form"
      onSubmit={submit}
      noValidate
      withBorder
      p="sm"
      radius="md"
      className={internal ? classes.internal : undefined}
    >
      <Stack gap="sm">
        {team && modes.length > 1 ? (
          <SegmentedControl
            aria-label="Write"
            value={mode}
            onChange={(v) => {
              setMode(v as CommentVisibility);
              add.reset();
              setSent('');
            }}
            data={modes.map((m) => ({ value: m, label: modeLabels[m] }))}
            fullWidth
          />
        ) : null}
        <Textarea
          label={label}
          description={
            <Text span size="sm" fw={internal ? 700 : 400} c={internal ? 'dark.8' : undefined}>
              {explanation}
            </Text>
          }
          resize="vertical"
          rows={3}
          maxLength={20_000}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? 'Write something first' : fieldError('body')}
        />
        {showAlert ? <ErrorAlert error={add.error} title="Nothing was sent" /> : null}
        <div>
          <Button type="submit" loading={add.isPending}>
            {!team ? 'Send message' : internal ? 'Add internal note' : 'Send reply'}
          </Button>
        </div>
        <Text size="sm" role="status">
          {sent}
        </Text>
      </Stack>
    </Paper>
  );
}
