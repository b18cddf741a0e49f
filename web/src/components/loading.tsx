import { Loader } from '@mantine/core';

/**
 * A spinner that says what is loading. It is a status (so its name is allowed, and announced):
 * a bare spinner element may not carry a label.
 */
export function Loading({ label }: { label: string }) {
  return <Loader role="status" aria-label={label} />;
}
