import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EventAbilities } from '../api/events';
import { eventDetails } from '../test/event-fixtures';
import { member, pageOf, signedInRoutes } from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';
import { aMember, mo, teamOf } from '../test/team-fixtures';
import { aListedReport, stateCounts } from '../features/reports/shared/list-fixtures';

type Reply = { status: number; body?: unknown };

const responder: Partial<EventAbilities> = { listReports: true, viewTeam: true };
const admin: Partial<EventAbilities> = { ...responder, exportReports: true };

const first = aListedReport({
  id: 'rep-1',
  number: 12,
  title: 'Comments at the after-party',
  severity: 'high',
  assignees: [{ id: 'u-rita', name: 'Rita Responder' }],
  commentCount: 3,
  followUp: true,
});
const second = aListedReport({
  id: 'rep-2',
  number: 13,
  title: 'Photos taken without asking',
  type: 'safety',
  anonymous: true,
  state: 'acknowledged',
});
const counts = stateCounts({ submitted: 4, acknowledged: 2, resolved: 1 });

/**
 * The routes of the queue page: any request for the queue goes to `queue` with its query read,
 * so a test can answer (and check) whatever filters the page sends.
 */
function queueApi(
  can: Partial<EventAbilities>,
  queue: (query: URLSearchParams) => Reply = () => ({
    status: 200,
    body: { ...pageOf([first, second], 7), counts },
  }),
  more: Record<string, Reply | ((body: unknown) => Reply)> = {},
) {
  const routes: Record<string, Reply | ((body: unknown) => Reply)> = {
    ...signedInRoutes(member),
    'GET /api/events/ev-1': { status: 200, body: { event: eventDetails({}, can) } },
    'GET /api/events/ev-1/report-filters': { status: 200, body: { items: [] } },
    'GET /api/events/ev-1/team?pageSize=100': {
      status: 200,
      body: teamOf([
        mo,
        aMember(),
        aMember({ userId: 'u-rex', name: 'Rex Reporter', role: 'reporter' }),
      ]),
    },
    ...more,
  };
  const prefix = 'GET /api/events/ev-1/reports?';
  return fakeApi(
    new Proxy(routes, {
      get: (target, key: string) =>
        key.startsWith(prefix)
          ? () => queue(new URLSearchParams(key.slice(prefix.length)))
          : target[key],
    }),
  );
}

const queueRequests = (calls: { key: string }[]) =>
  calls
    .filter((c) => c.key.startsWith('GET /api/events/ev-1/reports?'))
    .map((c) => Object.fromEntries(new URLSearchParams(c.key.split('?')[1])));

describe('the report queue', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the reports with what the team needs to triage, and counts by state', async () => {
    const calls = queueApi(responder);
    renderAt('/events/ev-1/reports');
    const list = await screen.findByRole('list', { name: 'Reports' });
    expect(screen.getByRole('heading', { level: 1, name: 'Reports' })).toBeTruthy();
    expect(document.title).toBe('Reports of RustFest Berlin · Steward');
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    const row = rows[0]!;
    expect(
      within(row)
        .getByRole('link', { name: '#12 Comments at the after-party' })
        .getAttribute('href'),
    ).toBe('/reports/rep-1');
    expect(row.textContent).toContain('Submitted');
    expect(row.textContent).toContain('Severity: High');
    expect(row.textContent).toContain('Harassment');
    expect(row.textContent).toContain('Follow-up');
    expect(row.textContent).toContain('Assigned to Rita Responder');
    expect(row.textContent).toContain('3 comments');
    expect(rows[1]!.textContent).toContain('Anonymous');
    expect(rows[1]!.textContent).toContain('Severity not set');
    expect(rows[1]!.textContent).toContain('Nobody assigned');
    expect(screen.getByText('7 reports.')).toBeTruthy();

    // Counts by state, with their sum for "All states".
    expect(screen.getByRole('button', { name: 'All states · 7', pressed: true })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Submitted · 4' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Resolved · 1' })).toBeTruthy();
    expect(queueRequests(calls)).toEqual([{ page: '1', pageSize: '25' }]);
    // Only event admins export.
    expect(screen.queryByRole('link', { name: /CSV/ })).toBeNull();
  });

  it('sends the chosen filters, keeps them in the address, and follows the back button', async () => {
    const calls = queueApi(responder);
    const user = userEvent.setup();
    const { router } = renderAt('/events/ev-1/reports');
    await screen.findByRole('list', { name: 'Reports' });

    await user.click(screen.getByRole('checkbox', { name: 'Submitted · 4' }));
    await user.click(screen.getByRole('checkbox', { name: 'Acknowledged · 2' }));
    await user.click(screen.getByRole('button', { name: 'More filters' }));
    await user.click(screen.getByRole('checkbox', { name: 'High' }));
    await user.click(screen.getByRole('checkbox', { name: 'Not set' }));
    await user.selectOptions(screen.getByLabelText('Type'), 'safety');
    // The team's responders and admins, besides "me" and "nobody"; reporters are listed as well.
    const assignee = screen.getByLabelText('Assigned to');
    expect(
      within(assignee)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Anyone or nobody', 'Me', 'Nobody (unassigned)', 'Rita Responder', 'Rex Reporter']);
    await user.selectOptions(assignee, 'u-rita');
    await user.type(screen.getByLabelText('Submitted from'), '2026-06-01');
    await user.selectOptions(screen.getByLabelText('Sort'), 'severity');
    await user.type(screen.getByRole('searchbox', { name: /Search reports/ }), 'party');

    await waitFor(() =>
      expect(queueRequests(calls).at(-1)).toEqual({
        state: 'submitted,acknowledged',
        severity: 'high,none',
        type: 'safety',
        assignee: 'u-rita',
        from: '2026-06-01',
        q: 'party',
        sort: 'severity',
        page: '1',
        pageSize: '25',
      }),
    );
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
      state: 'submitted,acknowledged',
      severity: 'high,none',
      type: 'safety',
      assignee: 'u-rita',
      from: '2026-06-01',
      q: 'party',
      sort: 'severity',
    });
    expect(screen.getByText('7 reports match these filters.')).toBeTruthy();

    // Back: the sort is undone, and the page asks for the reports as they were.
    await router.navigate(-1);
    await waitFor(() => expect(queueRequests(calls).at(-1)?.sort).toBeUndefined());
    expect((screen.getByLabelText('Sort') as HTMLSelectElement).value).toBe('newest');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(
      (screen.getByRole('searchbox', { name: /Search reports/ }) as HTMLInputElement).value,
    ).toBe('');
  }, 20_000);

  it('opens a shared link with its filters and page, shown in the controls', async () => {
    const calls = queueApi(responder, () => ({
      status: 200,
      body: { ...pageOf([first], 26, 2), counts },
    }));
    const user = userEvent.setup();
    const { router } = renderAt(
      '/events/ev-1/reports?state=investigating,bogus&severity=none&assignee=none&to=2026-06-30&followUp=true&sort=oldest&q=badge&page=2',
    );
    await screen.findByRole('list', { name: 'Reports' });
    expect(queueRequests(calls)[0]).toEqual({
      state: 'investigating',
      severity: 'none',
      assignee: 'none',
      to: '2026-06-30',
      q: 'badge',
      followUp: 'true',
      sort: 'oldest',
      page: '2',
      pageSize: '25',
    });
    expect(
      (screen.getByRole('checkbox', { name: 'Investigating · 0' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(screen.getByRole('button', { name: 'All states · 7', pressed: false })).toBeTruthy();
    // The filters behind "More filters" are open, since some are set.
    expect(screen.getByRole('button', { name: 'Fewer filters (4 set)' })).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: 'Not set' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect((screen.getByLabelText('Assigned to') as HTMLSelectElement).value).toBe('none');
    expect((screen.getByLabelText('Submitted until') as HTMLInputElement).value).toBe('2026-06-30');
    expect(
      (
        screen.getByRole('checkbox', {
          name: 'Only reports marked for follow-up',
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
    expect((screen.getByLabelText('Sort') as HTMLSelectElement).value).toBe('oldest');
    expect(
      (screen.getByRole('searchbox', { name: /Search reports/ }) as HTMLInputElement).value,
    ).toBe('badge');
    expect(screen.getByText('Page 2 of 2')).toBeTruthy();

    // A new filter starts again at page 1.
    await user.click(screen.getByRole('checkbox', { name: 'Submitted · 4' }));
    await waitFor(() => expect(queueRequests(calls).at(-1)?.page).toBe('1'));
    expect(new URLSearchParams(router.state.location.search).get('state')).toBe(
      'submitted,investigating',
    );
    expect(new URLSearchParams(router.state.location.search).get('page')).toBeNull();
  });

  it('saves the filters in use under a name, applies a saved one, and forgets one', async () => {
    let saved = [
      {
        id: 'f-1',
        name: 'Unassigned, new',
        query: { state: 'submitted', assignee: 'none' },
        createdAt: '2026-06-01T10:00:00.000Z',
      },
    ];
    const calls = queueApi(responder, undefined, {
      'GET /api/events/ev-1/report-filters': () => ({ status: 200, body: { items: saved } }),
      'POST /api/events/ev-1/report-filters': (body) => {
        const filter = { id: 'f-2', createdAt: '2026-06-04T10:00:00.000Z', ...(body as object) };
        saved = [...saved, filter as (typeof saved)[number]];
        return { status: 200, body: { filter } };
      },
      'DELETE /api/events/ev-1/report-filters/f-1': () => {
        saved = saved.filter((f) => f.id !== 'f-1');
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/events/ev-1/reports?severity=critical&sort=oldest');
    await screen.findByRole('list', { name: 'Reports' });

    await user.click(screen.getByRole('button', { name: 'Save these filters…' }));
    await user.type(screen.getByRole('textbox', { name: /Name for these filters/ }), 'Critical');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved as “Critical”.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/events/ev-1/report-filters')?.body).toEqual({
      name: 'Critical',
      query: { severity: 'critical', sort: 'oldest' },
    });
    // The saved filter is the one in use.
    expect(await screen.findByRole('button', { name: 'Critical', pressed: true })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Unassigned, new', pressed: false }));
    await waitFor(() =>
      expect(router.state.location.search).toBe('?state=submitted&assignee=none'),
    );
    await waitFor(() =>
      expect(queueRequests(calls).at(-1)).toEqual({
        state: 'submitted',
        assignee: 'none',
        page: '1',
        pageSize: '25',
      }),
    );
    expect(screen.getByRole('button', { name: 'Unassigned, new', pressed: true })).toBeTruthy();
    // Its assignee filter sits behind "More filters", which opens to show it.
    expect(screen.getByRole('button', { name: 'Fewer filters (1 set)' })).toBeTruthy();

    await user.click(
      screen.getByRole('button', { name: 'Forget the saved filter “Unassigned, new”' }),
    );
    expect(await screen.findByText('“Unassigned, new” is forgotten.')).toBeTruthy();
    expect(calls.some((c) => c.key === 'DELETE /api/events/ev-1/report-filters/f-1')).toBe(true);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Unassigned, new' })).toBeNull(),
    );
    expect(screen.getByRole('button', { name: 'Critical' })).toBeTruthy();
  });

  it('changes the state of chosen reports, asks for a note to resolve, and lists what failed', async () => {
    let changed = false;
    const calls = queueApi(
      responder,
      () => ({
        status: 200,
        body: {
          ...pageOf(changed ? [{ ...first, state: 'resolved' }, second] : [first, second], 2),
          counts,
        },
      }),
      {
        'POST /api/events/ev-1/reports/bulk': () => {
          changed = true;
          return {
            status: 200,
            body: {
              results: [
                { id: 'rep-1', ok: true, error: null },
                {
                  id: 'rep-2',
                  ok: false,
                  error: {
                    code: 'invalid_state',
                    message: 'An acknowledged report cannot be resolved yet.',
                  },
                },
              ],
            },
          };
        },
      },
    );
    const user = userEvent.setup();
    renderAt('/events/ev-1/reports');
    const list = await screen.findByRole('list', { name: 'Reports' });
    expect(screen.queryByRole('group', { name: 'Actions on the chosen reports' })).toBeNull();
    await user.click(
      within(list).getByRole('checkbox', { name: 'Choose #12 Comments at the after-party' }),
    );
    const all = screen.getByRole('checkbox', {
      name: 'Choose all on this page',
    }) as HTMLInputElement;
    expect(all.checked).toBe(false);
    await user.click(all);
    expect(all.checked).toBe(true);
    const bar = screen.getByRole('group', { name: 'Actions on the chosen reports' });
    expect(bar.textContent).toContain('2 reports chosen');

    await user.click(within(bar).getByRole('button', { name: 'Change state…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change the state of 2 reports' });
    await user.selectOptions(within(dialog).getByLabelText('New state'), 'resolved');
    await user.click(within(dialog).getByRole('button', { name: 'Change state' }));
    expect(
      within(dialog).getByText('Write a note: say how the reports were resolved.'),
    ).toBeTruthy();
    expect(calls.some((c) => c.key.startsWith('POST'))).toBe(false);
    await user.type(
      within(dialog).getByRole('textbox', { name: /Note/ }),
      'Spoke with both people.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Change state' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    expect(calls.find((c) => c.key === 'POST /api/events/ev-1/reports/bulk')?.body).toEqual({
      reportIds: ['rep-1', 'rep-2'],
      action: { kind: 'state', to: 'resolved', note: 'Spoke with both people.' },
    });
    const status = screen
      .getAllByRole('status')
      .find((s) => s.textContent?.includes('Moved to Resolved'))!;
    expect(status.textContent).toContain(
      'Moved to Resolved: 1 of 2 reports. 1 could not be changed.',
    );
    expect(status.textContent).toContain(
      '#13 Photos taken without asking: An acknowledged report cannot be resolved yet.',
    );
    // The list is read again; the failed report stays chosen to try something else.
    await waitFor(() => expect(queueRequests(calls)).toHaveLength(2));
    expect(
      (
        within(list).getByRole('checkbox', {
          name: 'Choose #13 Photos taken without asking',
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
    expect(
      screen.getByRole('group', { name: 'Actions on the chosen reports' }).textContent,
    ).toContain('1 report chosen');
  });

  it('assigns and unassigns chosen reports to people of the team', async () => {
    const calls = queueApi(responder, undefined, {
      'POST /api/events/ev-1/reports/bulk': {
        status: 200,
        body: { results: [{ id: 'rep-1', ok: true, error: null }] },
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/reports');
    const list = await screen.findByRole('list', { name: 'Reports' });
    await user.click(within(list).getByRole('checkbox', { name: /Choose #12/ }));
    await user.click(screen.getByRole('button', { name: 'Unassign…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Unassign someone from 1 report' });
    expect(
      within(dialog)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Rita Responder']);
    await user.click(within(dialog).getByRole('button', { name: 'Unassign' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((c) => c.key.startsWith('POST')).at(-1)?.body).toEqual({
      reportIds: ['rep-1'],
      action: { kind: 'unassign', userId: 'u-rita' },
    });
    expect(await screen.findByText('Unassigned Rita Responder: 1 report.')).toBeTruthy();

    await user.click(within(list).getByRole('checkbox', { name: /Choose #12/ }));
    await user.click(screen.getByRole('button', { name: 'Assign…' }));
    dialog = await screen.findByRole('dialog', { name: 'Assign 1 report' });
    // The caller first, then the team's responders and admins (not its reporters).
    expect(
      within(dialog)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Mo Member (you)', 'Rita Responder']);
    await user.selectOptions(within(dialog).getByLabelText('Person'), 'u-rita');
    await user.click(within(dialog).getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((c) => c.key.startsWith('POST')).at(-1)?.body).toEqual({
      reportIds: ['rep-1'],
      action: { kind: 'assign', userId: 'u-rita' },
    });
  });

  it('shows a refusal of the whole change inside the dialog', async () => {
    queueApi(responder, undefined, {
      'POST /api/events/ev-1/reports/bulk': {
        status: 400,
        body: apiError('validation_failed', 'Choose at most 100 reports at once.'),
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/reports');
    await user.click(await screen.findByRole('checkbox', { name: /Choose #12/ }));
    await user.click(screen.getByRole('button', { name: 'Change state…' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Change state' }));
    expect(await within(dialog).findByText('Choose at most 100 reports at once.')).toBeTruthy();
  });

  it('offers event admins the CSV of the reports the filters select', async () => {
    queueApi(admin);
    renderAt('/events/ev-1/reports?state=resolved,closed&q=badge');
    await screen.findByRole('list', { name: 'Reports' });
    expect(
      screen.getByRole('link', { name: 'Download these reports as CSV' }).getAttribute('href'),
    ).toBe('/api/events/ev-1/reports.csv?state=resolved%2Cclosed&q=badge');
  });

  it('chooses assignees without the team list where the team is not open to the caller', async () => {
    const calls = queueApi({ listReports: true });
    const user = userEvent.setup();
    renderAt('/events/ev-1/reports');
    await screen.findByRole('list', { name: 'Reports' });
    await user.click(screen.getByRole('button', { name: 'More filters' }));
    expect(
      within(screen.getByLabelText('Assigned to'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Anyone or nobody', 'Me', 'Nobody (unassigned)']);
    expect(calls.some((c) => c.key.includes('/team'))).toBe(false);
  });

  it('says when no report matches, and when there are none yet', async () => {
    queueApi(responder, () => ({ status: 200, body: { ...pageOf([]), counts: stateCounts() } }));
    const { router } = renderAt('/events/ev-1/reports');
    expect(
      await screen.findByText('No reports yet. New reports appear here as they come in.'),
    ).toBeTruthy();
    await router.navigate('/events/ev-1/reports?state=closed');
    expect(await screen.findByText('No reports match these filters.')).toBeTruthy();
  });

  it('tells someone outside the response team, calmly, and asks for no report', async () => {
    const calls = queueApi({ report: true });
    renderAt('/events/ev-1/reports');
    expect(await screen.findByText(/open only to its response team/)).toBeTruthy();
    expect(
      within(screen.getByRole('main'))
        .getByRole('link', { name: 'My reports' })
        .getAttribute('href'),
    ).toBe('/reports/mine');
    expect(calls.some((c) => c.key.includes('/reports?'))).toBe(false);
  });

  it('is not found for an event the caller may not see', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-9': { status: 404, body: apiError('not_found', 'Not found') },
    });
    renderAt('/events/ev-9/reports');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
