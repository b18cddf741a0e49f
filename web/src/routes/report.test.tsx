import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  Comment,
  Evidence,
  OwnReport,
  TeamReport,
  TeamReportAbilities,
} from '../api/report-types';
import { member, pageOf, signedInRoutes } from '../test/fixtures';
import { aMember, mo, rita, teamOf } from '../test/team-fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

// The report page (/reports/:reportId): the team's view with and without the reporter's
// identity, the author's view, and the comments and evidence of both.

const allowed: TeamReportAbilities = {
  updateDescription: true,
  updateDetails: true,
  updateSeverity: true,
  changeState: true,
  assign: true,
  commentExternal: true,
  commentInternal: true,
  uploadEvidence: true,
  delete: true,
  viewAccessLog: true,
};

const fields = {
  id: 'rep-1',
  number: 12,
  event: {
    id: 'ev-1',
    name: 'RustFest Berlin',
    slug: 'rustfest-berlin',
    timeZone: 'Europe/Berlin',
  },
  title: 'Comments at the party',
  description: 'Someone kept **commenting**.',
  descriptionHtml: '<p>Someone kept <strong>commenting</strong>.</p>',
  type: 'harassment',
  incidentAt: '2026-06-03T19:30:00.000Z',
  location: 'The main hall',
  parties: 'A speaker',
  state: 'acknowledged' as const,
  anonymous: false,
  resolution: '',
  submittedAt: '2026-06-03T20:00:00.000Z',
  updatedAt: '2026-06-03T21:00:00.000Z',
};

/** The team's view with the reporter's identity (an event admin's). */
const teamReport = (over: Partial<TeamReport> = {}, can: Partial<TeamReportAbilities> = {}) =>
  ({
    view: 'team',
    ...fields,
    severity: 'medium',
    followUp: false,
    assignees: [],
    history: [
      {
        id: 'h-1',
        kind: 'submitted',
        at: '2026-06-03T20:00:00.000Z',
        actor: { id: 'u-ann', name: 'Ann Attendee' },
        fromState: null,
        toState: 'submitted',
        note: null,
        person: null,
        fromSeverity: null,
        toSeverity: null,
      },
      {
        id: 'h-2',
        kind: 'state',
        at: '2026-06-03T21:00:00.000Z',
        actor: { id: 'u-mo', name: 'Mo Member' },
        fromState: 'submitted',
        toState: 'acknowledged',
        note: 'Seen, talking to the venue',
        person: null,
        fromSeverity: null,
        toSeverity: null,
      },
    ],
    transitions: [
      { to: 'investigating', needsNote: false, needsAssignee: true },
      { to: 'resolved', needsNote: true, needsAssignee: false },
    ],
    can: { ...allowed, ...can },
    reporter: { id: 'u-ann', name: 'Ann Attendee', email: 'ann@example.org' },
    contactPreference: 'phone',
    contactDetails: '+49 30 1234567',
    ...over,
  }) as TeamReport;

/** The same report as a responder who may not see who reported: those keys are absent. */
const withoutReporter = (
  over: Partial<TeamReport> = {},
  can: Partial<TeamReportAbilities> = {},
) => {
  const report = teamReport(over, can);
  delete report.reporter;
  delete report.contactPreference;
  delete report.contactDetails;
  return report;
};

const ownReport = (over: Partial<OwnReport> = {}): OwnReport => ({
  view: 'own',
  ...fields,
  contactPreference: 'email',
  contactDetails: '',
  history: [
    { at: '2026-06-03T20:00:00.000Z', toState: 'submitted' },
    { at: '2026-06-03T21:00:00.000Z', toState: 'acknowledged' },
  ],
  can: {
    updateDescription: true,
    updateContact: true,
    updateDetails: true,
    commentExternal: true,
    uploadEvidence: true,
  },
  ...over,
});

const noCommentAbilities = { edit: false, delete: false, share: false, viewRevisions: false };
const aComment = (over: Partial<Comment> = {}): Comment => ({
  id: 'c-1',
  reportId: 'rep-1',
  visibility: 'external',
  body: 'Thank you for telling us.',
  bodyHtml: '<p>Thank you for telling us.</p>',
  writer: { id: 'u-mo', name: 'Mo Member' },
  byReporter: false,
  createdAt: '2026-06-03T21:05:00.000Z',
  editedAt: null,
  shared: null,
  deleted: false,
  can: noCommentAbilities,
  ...over,
});

const aFile = (over: Partial<Evidence> = {}): Evidence => ({
  id: 'f-1',
  fileName: 'screenshot.png',
  contentType: 'image/png',
  size: 14_336,
  uploadedBy: { id: 'u-ann', name: 'Ann Attendee' },
  byReporter: true,
  createdAt: '2026-06-03T20:01:00.000Z',
  downloadUrl: '/api/evidence/f-1/download',
  can: { delete: false },
  ...over,
});

const COMMENTS = 'GET /api/reports/rep-1/comments?page=1&pageSize=50';

/** What the page asks for besides the report: comments, evidence, the team, the access log. */
const around = (
  comments: Comment[] = [],
  files: Evidence[] = [],
): Record<string, { status: number; body?: unknown }> => ({
  [COMMENTS]: { status: 200, body: { ...pageOf(comments), pageSize: 50 } },
  'GET /api/reports/rep-1/evidence': { status: 200, body: { items: files } },
  'GET /api/events/ev-1/team?pageSize=100': {
    status: 200,
    body: teamOf([mo, rita, aMember({ userId: 'u-ann', name: 'Ann Attendee', role: 'reporter' })]),
  },
  'GET /api/reports/rep-1/access-log?page=1&pageSize=25': {
    status: 200,
    body: pageOf([
      {
        id: 'a-1',
        at: '2026-06-03T21:10:00.000Z',
        viewer: { id: 'u-rita', name: 'Rita Responder' },
        what: 'report',
        via: 'responder of the event',
      },
    ]),
  },
});

const reportRoute = (report: unknown) => ({
  'GET /api/reports/rep-1': { status: 200, body: { report } },
});

const region = (name: string) => screen.findByRole('region', { name });

describe('the report page, for the team', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the report, the reporter and how to reach them, the history and the access log', async () => {
    fakeApi({ ...signedInRoutes(member), ...reportRoute(teamReport()), ...around() });
    renderAt('/reports/rep-1');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Comments at the party' }),
    ).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Report #12 · Steward'));
    const main = screen.getByRole('main');
    expect(main.textContent).toContain('Report #12');
    expect(
      within(main).getByRole('link', { name: 'RustFest Berlin reports' }).getAttribute('href'),
    ).toBe('/events/ev-1/reports');
    expect(within(main).getAllByText('Acknowledged').length).toBeGreaterThan(0);

    const what = await region('What happened');
    expect(within(what).getByText('commenting').tagName).toBe('STRONG');
    expect(within(what).getByText('The main hall')).toBeTruthy();

    const reporter = await region('Reporter');
    expect(reporter.textContent).toContain('Ann Attendee');
    expect(reporter.textContent).toContain('ann@example.org');
    expect(reporter.textContent).toContain('Phone');
    expect(reporter.textContent).toContain('+49 30 1234567');

    const steps = within(await region('State')).getByRole('list', { name: 'States of a report' });
    const current = within(steps)
      .getAllByRole('listitem')
      .filter((li) => li.getAttribute('aria-current') === 'step');
    expect(current.map((li) => li.textContent)).toEqual([expect.stringContaining('Acknowledged')]);

    const history = await region('History');
    expect(history.textContent).toContain('Mo Member moved it from Submitted to Acknowledged');
    expect(history.textContent).toContain('Seen, talking to the venue');

    const log = await region('Access log');
    expect(await within(log).findByText('Rita Responder')).toBeTruthy();
    expect(log.textContent).toContain('Opened the report');
    expect(log.textContent).toContain('responder of the event');
  });

  it('shows no reporter block at all when the server sent no reporter, and "Anonymous" for an anonymous one', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(withoutReporter({}, { delete: false, viewAccessLog: false, assign: false })),
      ...around(),
    });
    const { unmount } = renderAt('/reports/rep-1');
    await region('What happened');
    expect(screen.queryByRole('region', { name: 'Reporter' })).toBeNull();
    expect(screen.getByRole('main').textContent).not.toContain('ann@example.org');
    expect(screen.queryByRole('region', { name: 'Access log' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Delete this report' })).toBeNull();
    unmount();
    vi.unstubAllGlobals();

    fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(
        teamReport({
          anonymous: true,
          reporter: null,
          contactPreference: 'none',
          contactDetails: '',
        }),
      ),
      ...around(),
    });
    renderAt('/reports/rep-1');
    const reporter = await region('Reporter');
    expect(within(reporter).getByText('Anonymous')).toBeTruthy();
    expect(reporter.textContent).toContain('No contact');
  });

  it('edits one field in place and sends only that field', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around(),
      'PATCH /api/reports/rep-1': (body) => ({
        status: 200,
        body: { report: teamReport(body as Partial<TeamReport>) },
      }),
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const what = await region('What happened');
    await user.click(within(what).getByRole('button', { name: 'Edit where' }));
    const where = within(what).getByRole('textbox', { name: 'Where' });
    await user.clear(where);
    await user.type(where, 'The side room');
    await user.click(within(what).getByRole('button', { name: 'Save' }));
    expect(await within(what).findByText('The side room')).toBeTruthy();
    expect(calls.filter((c) => c.key === 'PATCH /api/reports/rep-1').map((c) => c.body)).toEqual([
      { location: 'The side room' },
    ]);

    // Saving what did not change sends nothing.
    await user.click(within(what).getByRole('button', { name: 'Edit people involved' }));
    await user.click(within(what).getByRole('button', { name: 'Save' }));
    expect(calls.filter((c) => c.key === 'PATCH /api/reports/rep-1')).toHaveLength(1);
  });

  it('shows a refused edit at its field', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around(),
      'PATCH /api/reports/rep-1': {
        status: 400,
        body: apiError('validation_failed', 'Please check the fields.', [
          { field: 'body.title', message: 'Give the report a short title' },
        ]),
      },
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const what = await region('What happened');
    await user.click(within(what).getByRole('button', { name: 'Edit title' }));
    await user.clear(within(what).getByRole('textbox', { name: 'Title' }));
    await user.type(within(what).getByRole('textbox', { name: 'Title' }), ' ');
    await user.click(within(what).getByRole('button', { name: 'Save' }));
    expect(await within(what).findByText('Give the report a short title')).toBeTruthy();
  });

  it('offers no editing where the server allows none', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(
        teamReport(
          { transitions: [] },
          {
            updateDescription: false,
            updateDetails: false,
            updateSeverity: false,
            changeState: false,
            assign: false,
          },
        ),
      ),
      ...around(),
    });
    renderAt('/reports/rep-1');
    await region('What happened');
    const main = screen.getByRole('main');
    expect(within(main).queryByRole('button', { name: /^Edit / })).toBeNull();
    expect(within(main).queryByRole('group', { name: 'Change the state' })).toBeNull();
    expect(within(main).queryByRole('button', { name: 'Assign' })).toBeNull();
    expect(
      (within(main).getByRole('checkbox', { name: /Needs follow-up/ }) as HTMLInputElement)
        .disabled,
    ).toBe(true);
  });

  it('keeps investigating waiting for an assignee, and asks for the note a move needs', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around(),
      'POST /api/reports/rep-1/transitions': (body) => ({
        status: 200,
        body: {
          report: teamReport({
            state: (body as { to: 'resolved' }).to,
            transitions: [{ to: 'closed', needsNote: false, needsAssignee: false }],
          }),
        },
      }),
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const state = await region('State');
    const investigate = within(state).getByRole('button', { name: 'Start investigating' });
    expect((investigate as HTMLButtonElement).disabled).toBe(true);
    expect(state.textContent).toContain('Assign someone first');

    await user.click(within(state).getByRole('button', { name: 'Resolve' }));
    const dialog = await screen.findByRole('dialog', { name: /Resolve: add a note/ });
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect(await within(dialog).findByText('Write a note first')).toBeTruthy();
    expect(calls.some((c) => c.key === 'POST /api/reports/rep-1/transitions')).toBe(false);
    await user.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'Spoke to both');
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.key === 'POST /api/reports/rep-1/transitions')?.body).toEqual({
      to: 'resolved',
      note: 'Spoke to both',
    });
    expect(await within(state).findByRole('button', { name: 'Close' })).toBeTruthy();
    expect(within(state).getByRole('status').textContent).toBe('The report is resolved now.');
    const current = within(state)
      .getAllByRole('listitem')
      .find((li) => li.getAttribute('aria-current') === 'step');
    expect(current?.textContent).toContain('Resolved');
  });

  it('offers reopening from a resolved report, and shows a refused move', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(
        teamReport({
          state: 'resolved',
          assignees: [{ id: 'u-rita', name: 'Rita Responder' }],
          transitions: [
            { to: 'closed', needsNote: false, needsAssignee: false },
            { to: 'investigating', needsNote: true, needsAssignee: true },
          ],
        }),
      ),
      ...around(),
      'POST /api/reports/rep-1/transitions': {
        status: 409,
        body: apiError('invalid_state', 'The report moved on meanwhile.'),
      },
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const state = await region('State');
    const reopen = within(state).getByRole('button', { name: 'Reopen as investigating' });
    expect((reopen as HTMLButtonElement).disabled).toBe(false);
    await user.click(within(state).getByRole('button', { name: 'Close' }));
    expect(await within(state).findByText('The report moved on meanwhile.')).toBeTruthy();
  });

  it('assigns someone of the team and unassigns them', async () => {
    const rit = { id: 'u-rita', name: 'Rita Responder' };
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around(),
      'POST /api/reports/rep-1/assignees': {
        status: 200,
        body: { report: teamReport({ assignees: [rit] }) },
      },
      'DELETE /api/reports/rep-1/assignees/u-rita': { status: 200, body: { report: teamReport() } },
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const assigned = await region('Assigned');
    expect(assigned.textContent).toContain('Nobody is assigned yet.');
    const select = await within(assigned).findByRole('combobox', { name: 'Assign someone' });
    await user.click(select);
    // Only the response team is offered: not the reporter.
    expect(await screen.findByRole('option', { name: /Mo Member/, hidden: true })).toBeTruthy();
    expect(screen.queryByRole('option', { name: /Ann Attendee/, hidden: true })).toBeNull();
    await user.click(await screen.findByRole('option', { name: /Rita Responder/, hidden: true }));
    await user.click(within(assigned).getByRole('button', { name: 'Assign' }));
    expect(await within(assigned).findByText('Rita Responder is assigned.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/reports/rep-1/assignees')?.body).toEqual({
      userId: 'u-rita',
    });
    // Now investigating may start.
    const state = await region('State');
    expect(
      (within(state).getByRole('button', { name: 'Start investigating' }) as HTMLButtonElement)
        .disabled,
    ).toBe(false);

    await user.click(within(assigned).getByRole('button', { name: 'Unassign Rita Responder' }));
    expect(await within(assigned).findByText('Nobody is assigned yet.')).toBeTruthy();
    expect(calls.some((c) => c.key === 'DELETE /api/reports/rep-1/assignees/u-rita')).toBe(true);
  });

  it('deletes the report with a reason, and goes back to the queue', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around(),
      'DELETE /api/reports/rep-1': { status: 204 },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/reports/rep-1');
    const danger = await region('Delete this report');
    await user.click(within(danger).getByRole('button', { name: 'Delete this report' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete report #12?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete report' }));
    expect(await within(dialog).findByText('Say why the report is deleted')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'A duplicate of #11');
    await user.click(within(dialog).getByRole('button', { name: 'Delete report' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/events/ev-1/reports'));
    expect(calls.filter((c) => c.key === 'DELETE /api/reports/rep-1').map((c) => c.body)).toEqual([
      { reason: 'A duplicate of #11' },
    ]);
  });

  it('shows the not-found page for a report the caller may not see', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/reports/rep-9': { status: 404, body: apiError('not_found', 'Not found.') },
    });
    renderAt('/reports/rep-9');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });

  it('renders HTML-looking title, place and people as text', async () => {
    const xss = '<img src=x onerror="alert(1)">';
    fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(
        teamReport({ title: xss, location: `<b>${xss}</b>`, parties: `<script>x()</script>` }),
      ),
      ...around(),
    });
    renderAt('/reports/rep-1');
    expect(await screen.findByRole('heading', { level: 1, name: xss })).toBeTruthy();
    const main = screen.getByRole('main');
    expect(main.textContent).toContain(`<b>${xss}</b>`);
    expect(main.textContent).toContain('<script>x()</script>');
    expect(main.querySelector('img')).toBeNull();
    expect(main.querySelector('script')).toBeNull();
    expect(main.querySelector('b')).toBeNull();
  });
});

describe('the report page, for its author', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows progress and details with no severity, no assignees and no internal notes', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(ownReport({ can: { ...ownReport().can, updateDescription: false } })),
      ...around([
        aComment(),
        aComment({
          id: 'c-2',
          byReporter: true,
          writer: { id: 'u-mo', name: 'Mo Member' },
          body: 'Thanks',
          bodyHtml: '<p>Thanks</p>',
        }),
      ]),
    });
    renderAt('/reports/rep-1');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Comments at the party' }),
    ).toBeTruthy();
    const main = screen.getByRole('main');
    const progress = await region('Progress');
    const current = within(progress)
      .getAllByRole('listitem')
      .find((li) => li.getAttribute('aria-current') === 'step');
    expect(current?.textContent).toContain('Acknowledged');
    expect(progress.textContent).toContain('Not yet');
    expect(main.textContent).not.toMatch(/Severity|Assign|Internal|Access log|History/);
    expect(within(main).queryByRole('button', { name: 'Edit title' })).toBeNull();
    expect(within(main).queryByRole('button', { name: 'Edit description' })).toBeNull();
    expect(within(main).getByRole('button', { name: 'Edit where' })).toBeTruthy();
    expect(within(main).getByRole('button', { name: 'Edit contact preference' })).toBeTruthy();
    expect(within(main).getByRole('link', { name: 'RustFest Berlin' }).getAttribute('href')).toBe(
      '/e/rustfest-berlin',
    );

    const messages = await region('Messages with the team');
    expect(await within(messages).findByText('Thank you for telling us.')).toBeTruthy();
    expect(within(messages).getByText('You')).toBeTruthy();
    expect(within(messages).queryByRole('radio')).toBeNull();
    expect(within(messages).getByRole('textbox', { name: 'Message to the team' })).toBeTruthy();
  });

  it('changes the contact preference, sending only it', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(ownReport()),
      ...around(),
      'PATCH /api/reports/rep-1': (body) => ({
        status: 200,
        body: { report: ownReport(body as Partial<OwnReport>) },
      }),
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const contact = await region('How to reach you');
    await user.click(within(contact).getByRole('button', { name: 'Edit contact preference' }));
    await user.click(within(contact).getByRole('combobox', { name: 'Contact preference' }));
    await user.click(await screen.findByRole('option', { name: 'In person', hidden: true }));
    await user.click(within(contact).getByRole('button', { name: 'Save' }));
    expect(await within(contact).findByText('In person')).toBeTruthy();
    expect(calls.find((c) => c.key === 'PATCH /api/reports/rep-1')?.body).toEqual({
      contactPreference: 'in_person',
    });
  });

  it('sends a message to the team as an external comment', async () => {
    let comments = [aComment()];
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(ownReport()),
      ...around(),
      [COMMENTS]: () => ({ status: 200, body: { ...pageOf(comments), pageSize: 50 } }),
      'POST /api/reports/rep-1/comments': () => {
        const comment = aComment({
          id: 'c-2',
          body: 'One more thing',
          bodyHtml: '<p>One more thing</p>',
          byReporter: true,
        });
        comments = [...comments, comment];
        return { status: 201, body: { comment } };
      },
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const messages = await region('Messages with the team');
    await user.type(
      await within(messages).findByRole('textbox', { name: 'Message to the team' }),
      'One more thing',
    );
    await user.click(within(messages).getByRole('button', { name: 'Send message' }));
    expect(await within(messages).findByText('Your message was sent to the team.')).toBeTruthy();
    expect(await within(messages).findByText('One more thing')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/reports/rep-1/comments')?.body).toEqual({
      body: 'One more thing',
      visibility: 'external',
    });
  });
});

describe('the comments of a report, for the team', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('writes an internal note or a reply to the reporter, told apart', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around([
        aComment(),
        aComment({
          id: 'c-2',
          visibility: 'internal',
          body: 'Check the video',
          bodyHtml: '<p>Check the video</p>',
        }),
        aComment({ id: 'c-3', deleted: true, body: '', bodyHtml: '' }),
      ]),
      'POST /api/reports/rep-1/comments': (body) => ({
        status: 201,
        body: { comment: aComment({ id: 'c-9', ...(body as object) }) },
      }),
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const panel = await region('Comments');
    expect(await within(panel).findByText('Check the video')).toBeTruthy();
    const note = within(panel).getByText('Check the video').closest('li')!;
    expect(within(note).getByText('Internal note')).toBeTruthy();
    const reply = within(panel).getByText('Thank you for telling us.').closest('li')!;
    expect(within(reply).getByText('Sent to the reporter')).toBeTruthy();
    expect(within(reply).queryByText('Internal note')).toBeNull();
    expect(within(panel).getByText('Comment deleted')).toBeTruthy();

    // Internal first: a slip stays within the team.
    expect(
      (within(panel).getByRole('radio', { name: 'Internal note' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(panel.textContent).toContain('Internal — the reporter never sees this.');
    await user.type(within(panel).getByRole('textbox', { name: 'Internal note' }), 'Ask the venue');
    await user.click(within(panel).getByRole('button', { name: 'Add internal note' }));
    expect(await within(panel).findByText('Internal note added.')).toBeTruthy();

    await user.click(within(panel).getByRole('radio', { name: 'Reply to reporter' }));
    expect(panel.textContent).not.toContain('Internal — the reporter never sees this.');
    expect(panel.textContent).toContain('The reporter sees this reply.');
    await user.type(
      within(panel).getByRole('textbox', { name: 'Reply to the reporter' }),
      'We are on it',
    );
    await user.click(within(panel).getByRole('button', { name: 'Send reply' }));
    expect(await within(panel).findByText('Your reply was sent to the reporter.')).toBeTruthy();
    expect(
      calls.filter((c) => c.key === 'POST /api/reports/rep-1/comments').map((c) => c.body),
    ).toEqual([
      { body: 'Ask the venue', visibility: 'internal' },
      { body: 'We are on it', visibility: 'external' },
    ]);
  });

  it('edits one’s own comment and shows its earlier versions', async () => {
    let edited = false;
    const mine = () =>
      aComment({
        body: edited ? 'Thank you, truly.' : 'Thank you for telling us.',
        bodyHtml: edited ? '<p>Thank you, truly.</p>' : '<p>Thank you for telling us.</p>',
        editedAt: edited ? '2026-06-03T22:00:00.000Z' : null,
        can: { ...noCommentAbilities, edit: true, viewRevisions: true },
      });
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around(),
      [COMMENTS]: () => ({ status: 200, body: { ...pageOf([mine()]), pageSize: 50 } }),
      'PATCH /api/comments/c-1': () => {
        edited = true;
        return { status: 200, body: { comment: mine() } };
      },
      'GET /api/comments/c-1/revisions': {
        status: 200,
        body: {
          items: [
            {
              body: 'Thank you for telling us.',
              bodyHtml: '<p>Thank you for telling us.</p>',
              replacedAt: '2026-06-03T22:00:00.000Z',
            },
          ],
        },
      },
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const panel = await region('Comments');
    await user.click(await within(panel).findByRole('button', { name: /^Edit your comment/ }));
    const box = within(panel).getByRole('textbox', { name: 'Your comment' });
    await user.clear(box);
    await user.type(box, 'Thank you, truly.');
    await user.click(within(panel).getByRole('button', { name: 'Save' }));
    expect(await within(panel).findByText('Thank you, truly.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'PATCH /api/comments/c-1')?.body).toEqual({
      body: 'Thank you, truly.',
    });
    expect(panel.textContent).toContain('edited');

    await user.click(within(panel).getByRole('button', { name: 'Earlier versions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Earlier versions' });
    expect(await within(dialog).findByText('Thank you for telling us.')).toBeTruthy();
    expect(within(dialog).getByText('Thank you, truly.')).toBeTruthy();
  });

  it('shares an internal note with the reporter after confirming, and deletes a comment', async () => {
    let shared = false;
    let deleted = false;
    const note = () =>
      aComment({
        id: 'c-2',
        visibility: shared ? 'external' : 'internal',
        body: 'We spoke to the speaker',
        bodyHtml: '<p>We spoke to the speaker</p>',
        shared: shared
          ? { at: '2026-06-04T09:00:00.000Z', by: { id: 'u-mo', name: 'Mo Member' } }
          : null,
        can: { ...noCommentAbilities, share: !shared, delete: true },
      });
    const other = () =>
      aComment({
        deleted,
        body: deleted ? '' : 'Thank you for telling us.',
        bodyHtml: deleted ? '' : '<p>Thank you for telling us.</p>',
        can: { ...noCommentAbilities, delete: !deleted },
      });
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around(),
      [COMMENTS]: () => ({ status: 200, body: { ...pageOf([other(), note()]), pageSize: 50 } }),
      'POST /api/comments/c-2/share': () => {
        shared = true;
        return { status: 200, body: { comment: note() } };
      },
      'DELETE /api/comments/c-1': () => {
        deleted = true;
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const panel = await region('Comments');
    await user.click(await within(panel).findByRole('button', { name: 'Share with the reporter' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Share this note with the reporter?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Share with the reporter' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.some((c) => c.key === 'POST /api/comments/c-2/share')).toBe(true);
    expect(await within(panel).findByText('Shared with the reporter')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Share with the reporter' })).toBeNull();

    await user.click(
      within(panel).getAllByRole('button', { name: /^Delete the comment by Mo Member/ })[0]!,
    );
    const confirm = await screen.findByRole('dialog', { name: 'Delete this comment?' });
    await user.type(within(confirm).getByRole('textbox', { name: /Reason/ }), 'Wrong report');
    await user.click(within(confirm).getByRole('button', { name: 'Delete comment' }));
    expect(await within(panel).findByText('Comment deleted')).toBeTruthy();
    expect(calls.find((c) => c.key === 'DELETE /api/comments/c-1')?.body).toEqual({
      reason: 'Wrong report',
    });
  });

  it('loads older pages of a long conversation on request', async () => {
    const first = Array.from({ length: 50 }, (_, i) =>
      aComment({ id: `c-${i}`, body: `Comment ${i}`, bodyHtml: `<p>Comment ${i}</p>` }),
    );
    fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around(),
      [COMMENTS]: { status: 200, body: { items: first, page: 1, pageSize: 50, total: 51 } },
      'GET /api/reports/rep-1/comments?page=2&pageSize=50': {
        status: 200,
        body: {
          items: [aComment({ id: 'c-50', body: 'The last one', bodyHtml: '<p>The last one</p>' })],
          page: 2,
          pageSize: 50,
          total: 51,
        },
      },
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const panel = await region('Comments');
    await user.click(await within(panel).findByRole('button', { name: 'Show 1 more' }));
    expect(await within(panel).findByText('The last one')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: /^Show/ })).toBeNull();
  });
});

describe('the evidence of a report', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists files to download, uploads new ones and says plainly why one was refused', async () => {
    let files = [aFile()];
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around(),
      'GET /api/reports/rep-1/evidence': () => ({ status: 200, body: { items: files } }),
      'POST /api/reports/rep-1/evidence?name=notes.pdf': () => {
        const evidence = aFile({
          id: 'f-2',
          fileName: 'notes.pdf',
          contentType: 'application/pdf',
        });
        files = [...files, evidence];
        return { status: 201, body: { evidence } };
      },
      'POST /api/reports/rep-1/evidence?name=tool.exe': {
        status: 415,
        body: apiError('unsupported_media_type', 'Use images, PDFs, text, audio or video.'),
      },
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const panel = await region('Evidence');
    const link = await within(panel).findByRole('link', { name: 'screenshot.png' });
    expect(link.getAttribute('href')).toBe('/api/evidence/f-1/download');
    expect(link.hasAttribute('download')).toBe(true);
    expect(panel.textContent).toContain('14 KB');
    expect(panel.textContent).toContain('Ann Attendee (the reporter)');

    const pdf = new File(['%PDF-1.4'], 'notes.pdf', { type: 'application/pdf' });
    const exe = new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' });
    await user.upload(within(panel).getByLabelText('Choose files'), [pdf, exe]);
    expect(
      await within(panel).findByText(/tool\.exe: This kind of file is not accepted\./),
    ).toBeTruthy();
    expect(panel.textContent).toContain('Use images, PDFs, text, audio or video.');
    expect(await within(panel).findByText('notes.pdf: added.')).toBeTruthy();
    expect(await within(panel).findByRole('link', { name: 'notes.pdf' })).toBeTruthy();
    const sent = calls.find((c) => c.key === 'POST /api/reports/rep-1/evidence?name=notes.pdf');
    expect(sent?.body).toBe(pdf);
    expect(sent?.contentType).toBe('application/pdf');
  });

  it('takes dropped files, says when one is too large, and deletes after confirming', async () => {
    let files = [aFile({ can: { delete: true } })];
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...reportRoute(teamReport()),
      ...around(),
      'GET /api/reports/rep-1/evidence': () => ({ status: 200, body: { items: files } }),
      'POST /api/reports/rep-1/evidence?name=video.mov': {
        status: 413,
        body: apiError('payload_too_large', 'A file may be at most 25 MB.'),
      },
      'DELETE /api/evidence/f-1': () => {
        files = [];
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    renderAt('/reports/rep-1');
    const panel = await region('Evidence');
    await within(panel).findByRole('link', { name: 'screenshot.png' });
    const video = new File(['0000'], 'video.mov', { type: 'video/quicktime' });
    const zone = within(panel)
      .getByText(/Drop files here/)
      .closest('div')!.parentElement!;
    fireEvent.drop(zone, { dataTransfer: { files: [video] } });
    expect(
      await within(panel).findByText(
        'video.mov: This file is too large to upload. A file may be at most 25 MB.',
      ),
    ).toBeTruthy();

    await user.click(within(panel).getByRole('button', { name: 'Delete screenshot.png' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete screenshot.png?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete file' }));
    expect(await within(panel).findByText('No files yet.')).toBeTruthy();
    expect(calls.some((c) => c.key === 'DELETE /api/evidence/f-1')).toBe(true);
  });
});
