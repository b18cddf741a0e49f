import { useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { useApprovalQueue } from '../api/approvals';
import type { EventSummary } from '../api/event-summary';
import { pageCount } from '../api/page';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Pager } from '../components/pager';
import { useAddressSearch } from '../components/use-address-search';
import { ApproveDialog } from '../features/approvals/approve-dialog';
import { EventList, EventRow } from '../features/events/event-row';
import { Loading } from '../components/loading';

/** The events waiting for the caller's approval, oldest first, each to approve. */
export function ApprovalsPage() {
  const session = useSession();
  const { page, goTo } = useAddressSearch();
  const queue = useApprovalQueue(page, { enabled: Boolean(session.data) });
  const [asking, setAsking] = useState<EventSummary | null>(null);
  const [approved, setApproved] = useState<string | null>(null);

  const gate = pageGate('Approvals', session, queue.error);
  if (gate) return gate;
  const data = queue.data;

  return (
    <Page title="Approvals" heading="Waiting for approval">
      {approved ? (
        <Alert color="green" role="status" title="Approved">
          {approved} is active now.
        </Alert>
      ) : null}
      {queue.error ? (
        <ErrorAlert error={queue.error} title="The approval queue could not be loaded" />
      ) : null}
      {!data ? (
        queue.isPending ? (
          <Loading label="Loading" />
        ) : null
      ) : data.items.length === 0 ? (
        <Text>
          {page > 1
            ? 'Nothing more on this page.'
            : 'Nothing is waiting for your approval. New proposals appear here as they come in.'}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {data.total === 1 ? '1 event waits' : `${data.total} events wait`}, the longest waiting
            first.
          </Text>
          <EventList>
            {data.items.map((event) => (
              <EventRow key={event.id} event={event} showOrganization>
                <Group>
                  <Button
                    size="sm"
                    onClick={() => setAsking(event)}
                    aria-label={`Approve ${event.name}`}
                  >
                    Approve
                  </Button>
                </Group>
              </EventRow>
            ))}
          </EventList>
        </>
      )}
      {asking ? (
        // Here, not in the row: the approved event's row leaves the list at once.
        <ApproveDialog
          event={asking}
          onApproved={() => {
            setApproved(asking.name);
            setAsking(null);
          }}
          onClose={() => setAsking(null)}
        />
      ) : null}
      <Pager page={page} pages={pageCount(data)} onPage={goTo} previous="Previous" next="Next" />
    </Page>
  );
}
