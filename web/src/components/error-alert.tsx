import { Alert, Text } from '@mantine/core';
import { ApiError } from '../api/client';

/** Shows an error a person can act on; for failures on our side, the request id to quote. */
export function ErrorAlert({
  error,
  title = 'That did not work',
}: {
  error: unknown;
  title?: string;
}) {
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.message ?? 'Something unexpected happened. Please try again.';
  const showId =
    apiError && (apiError.status >= 500 || apiError.code === 'unknown_error') && apiError.requestId;
  return (
    <Alert color="red" title={title} role="alert">
      <Text size="sm">{message}</Text>
      {showId ? (
        <Text size="xs" mt="xs">
          Request id: <code>{apiError.requestId}</code>
        </Text>
      ) : null}
    </Alert>
  );
}
