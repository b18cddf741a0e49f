import { useId, useRef, useState } from 'react';
import { Avatar, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, upload } from '../../api/client';
import { sessionKey, updateSessionUser, type SessionUser } from '../../api/session';
import { ErrorAlert } from '../../components/error-alert';
import { AVATAR_MAX_BYTES, shrinkImage } from './shrink-image';

const PATH = '/api/account/avatar';

/**
 * The picture to send: the file itself when the server may take it, a smaller copy of a large
 * photo, or a refusal in the server's own words when there is nothing sensible to send.
 */
async function pictureToSend(file: File): Promise<Blob> {
  // Any image goes to the server, which reads the type from the bytes and says what it takes.
  if (!file.type.startsWith('image/')) {
    throw new ApiError(415, 'unsupported_media_type', 'Use a PNG, JPEG, WebP or GIF picture.');
  }
  if (file.size <= AVATAR_MAX_BYTES) return file;
  const smaller = await shrinkImage(file);
  if (smaller) return smaller;
  throw new ApiError(
    413,
    'payload_too_large',
    `A picture may be at most ${AVATAR_MAX_BYTES / 1024} KB.`,
  );
}

/** The person's profile picture: shown, replaced from a file or the camera, or removed. */
export function ProfilePicture({ user }: { user: SessionUser }) {
  const queryClient = useQueryClient();
  const hintId = useId();
  const resetInput = useRef<() => void>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const [done, setDone] = useState('');

  const save = useMutation({
    mutationFn: async (file: File) => {
      const picture = await pictureToSend(file);
      await upload<void>(PATH, picture, { contentType: picture.type });
    },
    // The server names the new picture (its URL changes with each one): read it back.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      setDone('Picture saved.');
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>(PATH, { method: 'DELETE' }),
    onSuccess: () => {
      updateSessionUser(queryClient, { image: null });
      setDone('Picture removed.');
      // The remove button is gone: keep the keyboard in this section.
      chooseButton.current?.focus();
    },
  });

  const choose = (file: File | null) => {
    // Lets the same file be chosen again after a refusal.
    resetInput.current?.();
    if (!file) return;
    setDone('');
    remove.reset();
    save.mutate(file);
  };

  const busy = save.isPending || remove.isPending;
  const image = user.image ?? null;

  return (
    <Stack gap="sm">
      <Group gap="md" wrap="nowrap" align="center">
        <Avatar
          src={image}
          alt={image ? 'Your profile picture' : undefined}
          aria-hidden={image ? undefined : true}
          name={user.name}
          color="blue.8"
          variant="filled"
          size={80}
        />
        <Stack gap={4} miw={0}>
          <Text size="sm">
            {image
              ? 'Others see this picture next to your name.'
              : 'No picture yet: others see your initials.'}
          </Text>
          <Text size="sm" c="dimmed" id={hintId}>
            PNG, JPEG, WebP or GIF, at most 512 KB. A larger photo is made smaller first.
          </Text>
        </Stack>
      </Group>
      {save.isError ? <ErrorAlert error={save.error} title="Your picture was not saved" /> : null}
      {remove.isError ? (
        <ErrorAlert error={remove.error} title="Your picture was not removed" />
      ) : null}
      <Group gap="sm">
        {/* accept="image/*" rather than a list of types: phones then offer the camera too. */}
        <FileButton onChange={choose} accept="image/*" resetRef={resetInput}>
          {(props) => (
            <Button
              {...props}
              ref={chooseButton}
              loading={save.isPending}
              disabled={remove.isPending}
              aria-describedby={hintId}
            >
              {image ? 'Change picture' : 'Choose a picture'}
            </Button>
          )}
        </FileButton>
        {image ? (
          <Button
            variant="default"
            onClick={() => {
              setDone('');
              save.reset();
              remove.mutate();
            }}
            loading={remove.isPending}
            disabled={busy && !remove.isPending}
          >
            Remove picture
          </Button>
        ) : null}
        <Text size="sm" role="status">
          {done}
        </Text>
      </Group>
    </Stack>
  );
}
