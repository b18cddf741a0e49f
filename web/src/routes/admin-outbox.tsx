import { Alert, Text } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useOutbox } from '../api/outbox';
import { useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { pageCount } from '../api/page';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Pager } from '../components/pager';
import { OutboxList } from '../features/outbox/outbox-list';
import { Loading } from '../components/loading';

/** Administration: every email Steward queued, and whether it went out (system admins). */
export function OutboxPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const outbox = useOutbox(page, { enabled: Boolean(session.data) });

  const gate = pageGate('Email outbox', session, outbox.error);
  if (gate) return gate;

  const data = outbox.data;
  const pages = pageCount(data);
  const goTo = (p: number) => setParams(p === 1 ? {} : { page: String(p) });

  return (
    <Page title="Email outbox">
      {outbox.error ? (
        <ErrorAlert error={outbox.error} title="The outbox could not be loaded" />
      ) : null}
      {!data ? (
        outbox.isPending ? (
          <Loading label="Loading" />
        ) : null
      ) : (
        <>
          {data.delivery === 'development' ? (
            <Alert color="blue" title="Development outbox: nothing is sent">
              SMTP_URL is not set, so email stays here and in the server log. Open a message to read
              it; its links work.
            </Alert>
          ) : (
            <Text size="sm">
              Email goes out through SMTP. Message bodies are not shown here: they may hold links
              meant for their recipient alone.
            </Text>
          )}
          {data.items.length === 0 ? (
            <Text>No email has been queued yet.</Text>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {data.total === 1 ? '1 message' : `${data.total} messages`}, newest first.
              </Text>
              <OutboxList messages={data.items} />
            </>
          )}
          <Pager page={page} pages={pages} onPage={goTo} />
        </>
      )}
    </Page>
  );
}
