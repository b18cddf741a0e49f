import { useId, useRef, useState } from 'react';
import { Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';

const TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const MAX_BYTES = 2 * 1024 * 1024;

/** Why a file cannot be a logo, in the words the server would use; null when it may be sent. */
export function logoRefusal(file: File): ApiError | null {
  if (!TYPES.includes(file.type)) {
    return new ApiError(415, 'unsupported_media_type', 'Use a PNG, JPEG, WebP or GIF image.');
  }
  if (file.size > MAX_BYTES) {
    return new ApiError(413, 'payload_too_large', 'A logo may be at most 2 MB.');
  }
  return null;
}

/**
 * A logo (of an organization or an event): shown, replaced from a file (sent as the request
 * body), or removed; a file the server would refuse is refused here first, in its words.
 */
export function LogoField({
  logoUrl,
  alt,
  usedWhere,
  save,
  remove,
}: {
  logoUrl: string | null;
  /** The current logo's text alternative ("The logo of Rust Community"). */
  alt: string;
  /** Where it is shown, for the hint ("on the organization's pages"). */
  usedWhere: string;
  save: UseMutationResult<unknown, Error, File>;
  remove: UseMutationResult<unknown, Error, void>;
}) {
  const hintId = useId();
  const resetInput = useRef<() => void>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');

  const choose = (file: File | null) => {
    // Lets the same file be chosen again after a refusal.
    resetInput.current?.();
    if (!file) return;
    setDone('');
    remove.reset();
    const problem = logoRefusal(file);
    setRefused(problem);
    if (problem) return;
    save.mutate(file, { onSuccess: () => setDone('Logo saved.') });
  };
  const removeLogo = () => {
    setDone('');
    setRefused(null);
    save.reset();
    remove.mutate(undefined, {
      onSuccess: () => {
        setDone('Logo removed.');
        // The remove button is gone: keep the keyboard in this section.
        chooseButton.current?.focus();
      },
    });
  };
  const error = refused ?? save.error ?? remove.error;

  return (
    <Stack gap="sm">
      <Group gap="md" wrap="nowrap" align="center">
        {logoUrl ? <Image src={logoUrl} alt={alt} w={80} h={80} fit="contain" /> : null}
        <Text size="sm" c="dimmed" id={hintId}>
          {logoUrl ? '' : 'No logo yet. '}PNG, JPEG, WebP or GIF, at most 2 MB. Shown {usedWhere}.
        </Text>
      </Group>
      {error ? <ErrorAlert error={error} title="The logo was not changed" /> : null}
      <Group gap="sm">
        <FileButton onChange={choose} accept={TYPES.join(',')} resetRef={resetInput}>
          {(props) => (
            <Button
              {...props}
              ref={chooseButton}
              loading={save.isPending}
              disabled={remove.isPending}
              aria-describedby={hintId}
            >
              {logoUrl ? 'Change logo' : 'Choose a logo'}
            </Button>
          )}
        </FileButton>
        {logoUrl ? (
          <Button
            variant="default"
            onClick={removeLogo}
            loading={remove.isPending}
            disabled={save.isPending}
          >
            Remove logo
          </Button>
        ) : null}
        <Text size="sm" role="status">
          {done}
        </Text>
      </Group>
    </Stack>
  );
}
