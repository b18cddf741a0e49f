import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { eventDetails } from '../test/event-fixtures';
import { member, pageOf, signedInRoutes, sysAdmin } from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

const admin = { update: true, updateSettings: true, activate: true, delete: true, viewTeam: true };

describe('the event dashboard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows an admin the event, the setup steps, and activates it after confirming', async () => {
    let active = false;
    const draft = eventDetails({}, admin);
    const live = eventDetails(
      { status: 'active' },
      { ...admin, activate: false, archive: true, report: true },
    );
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': () => ({ status: 200, body: { event: active ? live : draft } }),
      'POST /api/events/ev-1/activate': () => {
        active = true;
        return { status: 200, body: { event: live } };
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'RustFest Berlin' })).toBeTruthy();
    const main = screen.getByRole('main');
    expect(within(main).getByText('Rust Community')).toBeTruthy();
    expect(within(main).getByText('Draft')).toBeTruthy();
    expect(within(main).getByText(/Europe\/Berlin/)).toBeTruthy();
    expect(within(main).getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe(
      '/events/ev-1/settings',
    );
    expect(
      within(main).getByRole('link', { name: 'Preview the public page' }).getAttribute('href'),
    ).toBe('/e/rustfest-berlin');

    const checklist = within(main).getByRole('region', { name: 'Set up your event' });
    expect(checklist.textContent).toContain('2 of 7 done.');
    expect(within(checklist).getByRole('link', { name: 'Describe the event' })).toBeTruthy();
    expect(within(checklist).queryByRole('link', { name: 'Set its dates' })).toBeNull();
    expect(checklist.textContent).toContain('Done: Set its dates');
    expect(checklist.textContent).toContain('To do: Activate it');

    const actions = within(main).getByRole('group', { name: 'Event actions' });
    expect(
      within(actions)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Activate', 'Delete']);

    await user.click(within(actions).getByRole('button', { name: 'Activate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Activate: RustFest Berlin?' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Ready to go');
    await user.click(within(dialog).getByRole('button', { name: 'Activate' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.key === 'POST /api/events/ev-1/activate')?.body).toEqual({
      reason: 'Ready to go',
    });
    expect(await within(main).findByText('Active')).toBeTruthy();
    expect(within(main).queryByRole('region', { name: 'Set up your event' })).toBeNull();
    expect(within(main).getByRole('button', { name: 'Archive' })).toBeTruthy();
    expect(within(main).getByRole('link', { name: 'Public page' })).toBeTruthy();
  });

  it('shows a refusal inside the dialog, with nothing changed', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': {
        status: 200,
        body: { event: eventDetails({ status: 'active' }, { archive: true }) },
      },
      'POST /api/events/ev-1/archive': {
        status: 409,
        body: apiError('invalid_state', 'Only an active event can be archived.'),
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1');
    await user.click(await screen.findByRole('button', { name: 'Archive' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));
    expect(await within(dialog).findByText('Only an active event can be archived.')).toBeTruthy();
  });

  it('deletes after confirming, and goes home', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': { status: 200, body: { event: eventDetails({}, { delete: true }) } },
      'DELETE /api/events/ev-1': { status: 204 },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/events/ev-1');
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete RustFest Berlin?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(calls.find((c) => c.key === 'DELETE /api/events/ev-1')?.body).toEqual({ reason: null });
  });

  it('shows a reporter the code of conduct and the way to report, and nothing to manage', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': {
        status: 200,
        body: {
          event: eventDetails(
            {
              status: 'active',
              myRole: { role: 'reporter', via: 'event', from: null },
              codeOfConductHtml: '<h2>Be kind</h2><p>No harassment.</p>',
              counts: { team: null },
            },
            { report: true },
          ),
        },
      },
    });
    renderAt('/events/ev-1');
    const coc = await screen.findByRole('region', { name: 'Code of conduct' });
    expect(within(coc).getByRole('heading', { level: 4, name: 'Be kind' })).toBeTruthy();
    expect(within(coc).getByRole('link', { name: 'Report an incident' }).getAttribute('href')).toBe(
      '/e/rustfest-berlin/report',
    );
    const main = screen.getByRole('main');
    expect(within(main).queryByRole('group', { name: 'Event actions' })).toBeNull();
    expect(within(main).queryByRole('link', { name: 'Settings' })).toBeNull();
    expect(within(main).queryByRole('link', { name: /^Team/ })).toBeNull();
    expect(within(main).queryByRole('region', { name: 'Set up your event' })).toBeNull();
    expect(within(main).queryByRole('region', { name: 'Reports' })).toBeNull();
    expect(within(coc).getByRole('link', { name: 'My reports' }).getAttribute('href')).toBe(
      '/reports/mine',
    );
    expect(within(main).getByText('Reporter')).toBeTruthy();
  });

  it('shows a responder the open reports and the way to the queue, and the team they may see', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': {
        status: 200,
        body: {
          event: eventDetails(
            { status: 'active', myRole: { role: 'responder', via: 'event', from: null } },
            { viewTeam: true, report: true, listReports: true },
          ),
        },
      },
      'GET /api/events/ev-1/reports?page=1&pageSize=1': {
        status: 200,
        body: {
          ...pageOf([], 4),
          counts: { submitted: 2, acknowledged: 0, investigating: 1, resolved: 0, closed: 1 },
        },
      },
    });
    renderAt('/events/ev-1');
    const reports = await screen.findByRole('region', { name: 'Reports' });
    expect(await within(reports).findByText('Submitted: 2 · Investigating: 1')).toBeTruthy();
    expect(
      within(reports).getByRole('link', { name: 'Open the reports' }).getAttribute('href'),
    ).toBe('/events/ev-1/reports');
    // The team's own reports are in the queue: no separate pointer to "My reports".
    expect(within(screen.getByRole('main')).queryByRole('link', { name: 'My reports' })).toBeNull();
    const team = screen.getByRole('link', { name: 'Team (3 people)' });
    expect(team.getAttribute('href')).toBe('/events/ev-1/team');
  });

  it('shows a system admin the waiting invitation of the first admin, and sends a new one', async () => {
    const waiting = {
      id: 'inv-1',
      email: 'old@example.org',
      role: 'event_admin',
      createdAt: '2026-03-01T10:00:00.000Z',
      expiresAt: '2026-03-08T10:00:00.000Z',
      expired: true,
    };
    let attempt = 0;
    const calls = fakeApi({
      ...signedInRoutes(sysAdmin),
      'GET /api/events/ev-1': {
        status: 200,
        body: {
          event: eventDetails(
            { hasTeam: false, myRole: null, adminInvitation: waiting },
            { update: true, inviteFirstAdmin: true, activate: true },
          ),
        },
      },
      'POST /api/events/ev-1/admin-invitation': () =>
        ++attempt === 1
          ? {
              status: 400,
              body: apiError('validation_failed', 'Please check the fields.', [
                { field: 'body.email', message: 'Enter a valid email address' },
              ]),
            }
          : {
              status: 200,
              body: {
                event: eventDetails(
                  {
                    hasTeam: false,
                    myRole: null,
                    adminInvitation: { ...waiting, email: 'lea@example.org', expired: false },
                  },
                  { update: true, inviteFirstAdmin: true },
                ),
              },
            },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1');
    const section = await screen.findByRole('region', { name: 'First event admin' });
    expect(section.textContent).toContain('old@example.org');
    expect(within(section).getByText('The invitation has expired')).toBeTruthy();
    const email = within(section).getByRole('textbox', { name: /Email of the first event admin/ });
    await user.type(email, 'lea@');
    await user.click(within(section).getByRole('button', { name: 'Send a new invitation' }));
    expect(await within(section).findByText('Enter a valid email address')).toBeTruthy();
    await user.clear(email);
    await user.type(email, 'lea@example.org');
    await user.type(within(section).getByLabelText(/Personal message/), 'Welcome aboard');
    await user.click(within(section).getByRole('button', { name: 'Send a new invitation' }));
    expect(await within(section).findByText('Invitation sent to lea@example.org.')).toBeTruthy();
    expect(calls.filter((c) => c.key.startsWith('POST')).map((c) => c.body)).toEqual([
      { email: 'lea@' },
      { email: 'lea@example.org', message: 'Welcome aboard' },
    ]);
    expect(section.textContent).toContain('lea@example.org');
  });

  it('says when the event is suspended or flagged as spam', async () => {
    fakeApi({
      ...signedInRoutes(sysAdmin),
      'GET /api/events/ev-1': {
        status: 200,
        body: {
          event: eventDetails(
            { status: 'active', suspended: true, spam: true, myRole: null },
            { reinstate: true, clearSpam: true },
          ),
        },
      },
    });
    renderAt('/events/ev-1');
    expect(await screen.findByRole('button', { name: 'Reinstate' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Clear spam flag' })).toBeTruthy();
    expect(screen.getByText('Flagged as spam')).toBeTruthy();
    expect(screen.getAllByText('Suspended').length).toBeGreaterThan(0);
  });

  it('shows the not-found page for an event the caller may not see', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-9': { status: 404, body: apiError('not_found', 'No such event.') },
    });
    renderAt('/events/ev-9');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });

  it('asks a signed-out person to sign in, and brings them back here', async () => {
    fakeApi({ 'GET /api/auth/session': { status: 200, body: { user: null } } });
    renderAt('/events/ev-1');
    const main = await screen.findByRole('main');
    expect((await within(main).findByRole('link', { name: 'Sign in' })).getAttribute('href')).toBe(
      '/sign-in?next=%2Fevents%2Fev-1',
    );
  });

  it('lets someone with a role in the event leave it, and goes home', async () => {
    const asReporter = eventDetails(
      { status: 'active', myRole: { role: 'reporter', via: 'event', from: null } },
      { report: true },
    );
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': { status: 200, body: { event: asReporter } },
      'DELETE /api/events/ev-1/membership': { status: 204 },
      'GET /api/me/events': { status: 200, body: { organizations: [], truncated: false } },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/events/ev-1');
    const yours = await screen.findByRole('region', { name: 'Your role' });
    expect(yours.textContent).toContain('You are reporter of this event.');
    await user.click(within(yours).getByRole('button', { name: 'Leave this event' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /Leave/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(calls.map((c) => c.key)).toContain('DELETE /api/events/ev-1/membership');
  });
});
