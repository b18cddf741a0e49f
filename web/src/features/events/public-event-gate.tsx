import type { ReactElement } from 'react';
import { Alert } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import type { PublicEvent } from '../../api/events';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { NotFoundPage } from '../../routes/not-found';
import { Loading } from '../../components/loading';

/**
 * What a public event page shows before the event is there: a loader, the not-found page (no such
 * event, or not public and not for the caller to preview), or the error. Null once it is there.
 */
export function publicEventGate(
  title: string,
  query: UseQueryResult<PublicEvent>,
): ReactElement | null {
  if (query.data) return null;
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  return (
    <Page title={title}>
      {query.error ? (
        <ErrorAlert error={query.error} title="The event could not be loaded" />
      ) : (
        <Loading label="Loading the event" />
      )}
    </Page>
  );
}

/** Says that a page is a preview of an event that is not public yet. */
export function PreviewNotice() {
  return (
    <Alert color="yellow" title="This page is not public yet">
      You see a preview because you may see the unpublished event. Everyone else can open this page
      once the event is active.
    </Alert>
  );
}
