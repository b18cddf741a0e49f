import { useEffect, useState } from 'react';
import { Anchor, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router';
import { useEvent, type EventDetails } from '../api/events';
import { pageCount } from '../api/page';
import {
  reportsCsvUrl,
  useAssignableTeam,
  useReportQueue,
  type QueuePage,
} from '../api/report-lists';
import type { ReportListItem, ReportState } from '../api/report-types';
import { useSession, type SessionUser } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { pageGate } from '../components/page-gate';
import { Pager } from '../components/pager';
import { Section } from '../components/section';
import {
  BulkBar,
  BulkDialog,
  BulkSummary,
  type BulkKind,
  type BulkOutcome,
} from '../features/reports/queue/bulk-actions';
import { QueueFilterFields } from '../features/reports/queue/queue-filters';
import { SavedFilters } from '../features/reports/queue/saved-filters';
import { StateChips } from '../features/reports/queue/state-chips';
import {
  useQueueFilters,
  type QueueFilterState,
} from '../features/reports/queue/use-queue-filters';
import { ReportList, ReportRow } from '../features/reports/shared/report-row';

const reports = (n: number) => (n === 1 ? '1 report' : `${n} reports`);

/**
 * An event's reports for its response team (`/events/:eventId/reports`): filtered, searched and
 * sorted from the address, counted by state, chosen for changes in bulk, saved as filters and
 * exported (event admins). Not the team's: a calm page that says so; an unseen event: not found.
 */
export function ReportQueuePage() {
  const { eventId = '' } = useParams();
  const session = useSession();
  const event = useEvent(eventId, { enabled: Boolean(session.data) });

  const gate = pageGate('Reports', session, event.error);
  if (gate) return gate;
  if (!event.data || !session.data) {
    return (
      <Page title="Reports">
        {event.error ? (
          <ErrorAlert error={event.error} title="The event could not be loaded" />
        ) : (
          <Loading label="Loading the event" />
        )}
      </Page>
    );
  }
  if (!event.data.can.listReports) return <NotOnTheTeam event={event.data} />;
  return <Queue event={event.data} me={session.data} />;
}

/** For someone who sees the event but not its reports: where their own reports are instead. */
function NotOnTheTeam({ event }: { event: EventDetails }) {
  return (
    <Page title={`Reports of ${event.name}`} heading="Reports">
      <Text>
        The reports of {event.name} are open only to its response team, and you are not part of it.
      </Text>
      <Text>
        Reports you submitted yourself are always in{' '}
        <Anchor component={Link} to="/reports/mine">
          My reports
        </Anchor>
        .
      </Text>
      <div>
        <Anchor component={Link} to={`/events/${encodeURIComponent(event.id)}`}>
          Back to {event.name}
        </Anchor>
      </div>
    </Page>
  );
}

function Queue({ event, me }: { event: EventDetails; me: SessionUser }) {
  const state = useQueueFilters();
  const { filters, page, goTo, change, replace } = state;
  const queue = useReportQueue(event.id, filters, page, { enabled: true });
  const team = useAssignableTeam(event.id, { enabled: event.can.viewTeam });
  const members = team.data?.items ?? [];
  const { search } = useLocation();

  // The chosen reports, for the page in view: another page or other filters start afresh.
  const [chosen, setChosen] = useState<Map<string, ReportListItem>>(new Map());
  useEffect(() => setChosen(new Map()), [search]);
  const [asking, setAsking] = useState<BulkKind | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);

  const data = queue.data;
  const chosenStates = (filters.state ? filters.state.split(',') : []) as ReportState[];
  const anyFilter = Object.keys(filters).some((k) => k !== 'sort');
  const eventPath = `/events/${encodeURIComponent(event.id)}`;

  const onDone = (result: BulkOutcome) => {
    setOutcome(result);
    setAsking(null);
    // Those that failed stay chosen, to try again with something else.
    const failed = new Set(result.results.filter((r) => !r.ok).map((r) => r.id));
    setChosen((old) => new Map([...old].filter(([id]) => failed.has(id))));
  };

  return (
    <Page title={`Reports of ${event.name}`} heading="Reports" wide>
      <Group gap="md" wrap="wrap">
        <Anchor component={Link} to={eventPath}>
          Back to {event.name}
        </Anchor>
        {event.can.exportReports ? (
          <Anchor href={reportsCsvUrl(event.id, filters)} download>
            Download these reports as CSV
          </Anchor>
        ) : null}
      </Group>
      <Section title="Filters">
        <StateChips
          chosen={chosenStates}
          counts={data?.counts}
          onChange={(states) => change({ state: states.join(',') })}
        />
        <QueueFilterFields state={state} reportTypes={event.reportTypes} team={members} />
        {anyFilter ? (
          <div>
            <Button
              variant="subtle"
              onClick={() => replace(filters.sort ? { sort: filters.sort } : {})}
            >
              Clear filters
            </Button>
          </div>
        ) : null}
        <SavedFilters eventId={event.id} current={filters} onApply={replace} />
      </Section>
      {/* Present from the start, so what a change in bulk did is announced when it arrives. */}
      <div role="status" aria-live="polite">
        {outcome ? <BulkSummary outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
      </div>
      {queue.error ? (
        <ErrorAlert error={queue.error} title="The reports could not be loaded" />
      ) : null}
      {!data ? (
        queue.isPending ? (
          <Loading label="Loading the reports" />
        ) : null
      ) : (
        <Results
          data={data}
          state={state}
          anyFilter={anyFilter}
          chosen={chosen}
          setChosen={setChosen}
        />
      )}
      {chosen.size > 0 ? (
        <BulkBar count={chosen.size} onAction={setAsking} onClear={() => setChosen(new Map())} />
      ) : null}
      <Pager
        page={page}
        pages={pageCount(data)}
        onPage={goTo}
        previous="Previous"
        next="Next"
        label="Pages of reports"
      />
      {asking ? (
        <BulkDialog
          eventId={event.id}
          kind={asking}
          chosen={[...chosen.values()]}
          team={members}
          me={me}
          onDone={onDone}
          onClose={() => setAsking(null)}
        />
      ) : null}
    </Page>
  );
}

function Results({
  data,
  state,
  anyFilter,
  chosen,
  setChosen,
}: {
  data: QueuePage;
  state: QueueFilterState;
  anyFilter: boolean;
  chosen: Map<string, ReportListItem>;
  setChosen: (next: Map<string, ReportListItem>) => void;
}) {
  if (data.items.length === 0) {
    return (
      <Text role="status">
        {state.page > 1
          ? 'Nothing more on this page.'
          : anyFilter
            ? 'No reports match these filters.'
            : 'No reports yet. New reports appear here as they come in.'}
      </Text>
    );
  }
  const allChosen = data.items.every((r) => chosen.has(r.id));
  const someChosen = data.items.some((r) => chosen.has(r.id));
  const toggle = (report: ReportListItem, on: boolean) => {
    const next = new Map(chosen);
    if (on) next.set(report.id, report);
    else next.delete(report.id);
    setChosen(next);
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed" role="status">
          {reports(data.total)}
          {anyFilter ? ' match these filters' : ''}.
        </Text>
        <Checkbox
          label="Choose all on this page"
          checked={allChosen}
          indeterminate={someChosen && !allChosen}
          onChange={(e) =>
            setChosen(
              e.currentTarget.checked
                ? new Map([...chosen, ...data.items.map((r) => [r.id, r] as const)])
                : new Map([...chosen].filter(([id]) => !data.items.some((r) => r.id === id))),
            )
          }
        />
      </Group>
      <ReportList label="Reports">
        {data.items.map((report) => (
          <ReportRow
            key={report.id}
            report={report}
            view="team"
            leading={
              <Checkbox
                size="md"
                aria-label={`Choose #${report.number} ${report.title}`}
                checked={chosen.has(report.id)}
                onChange={(e) => toggle(report, e.currentTarget.checked)}
              />
            }
          />
        ))}
      </ReportList>
    </Stack>
  );
}
