import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useDeleteChapter, type Chapter } from '../../api/chapters';
import { ReasonDialog } from '../../components/reason-dialog';

/** Deletes a chapter without events, after asking; then back to its organization. */
export function DeleteChapter({ chapter }: { chapter: Chapter }) {
  const [asking, setAsking] = useState(false);
  const navigate = useNavigate();
  const remove = useDeleteChapter(chapter);
  const done = () =>
    navigate(`/orgs/${encodeURIComponent(chapter.organization.id)}`, {
      state: { notice: `The chapter ${chapter.name} is deleted.` },
    });
  return (
    <>
      <Text size="sm">The chapter has no events, so it can be deleted. This cannot be undone.</Text>
      <Group>
        <Button variant="outline" color="red.8" onClick={() => setAsking(true)}>
          Delete chapter
        </Button>
      </Group>
      {asking ? (
        <ReasonDialog
          title={`Delete the chapter ${chapter.name}?`}
          explanation="The chapter and its leaders' roles in it are removed. This cannot be undone."
          confirmLabel="Delete chapter"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={(reason) => remove.mutate(reason, { onSuccess: done })}
          onClose={() => {
            remove.reset();
            setAsking(false);
          }}
        />
      ) : null}
    </>
  );
}
