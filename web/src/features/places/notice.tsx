import { Alert } from '@mantine/core';
import { useLocation } from 'react-router';

/** What the page before said was done (a region created, a location deleted), if anything. */
export function DoneNotice() {
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  return notice ? (
    <Alert color="green" role="status" title="Done">
      {notice}
    </Alert>
  ) : null;
}
