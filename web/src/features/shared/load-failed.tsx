import { Button, Stack } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';

/**
 * Why something could not be loaded, with a way to ask again: a page that polls no more, or
 * a part of one that others wait for, would otherwise stay stuck until it is reloaded.
 */
export function LoadFailed({
  error,
  title,
  retrying,
  onRetry,
}: {
  error: unknown;
  title: string;
  /** Asking again now: the button shows it. */
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <Stack gap="xs">
      <ErrorAlert error={error} title={title} />
      <div>
        <Button variant="default" size="md" loading={retrying} onClick={onRetry}>
          Try again
        </Button>
      </div>
    </Stack>
  );
}
