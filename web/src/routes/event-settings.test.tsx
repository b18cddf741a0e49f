import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EventDetails } from '../api/events';
import { eventDetails } from '../test/event-fixtures';
import { member, signedInRoutes, sysAdmin } from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

const admin = { update: true, updateSettings: true };
const get = (event: EventDetails) => ({
  'GET /api/events/ev-1': { status: 200, body: { event } },
  'GET /api/events/ev-1/webhooks': { status: 200, body: { items: [] } },
  'GET /api/events/ev-1/sessions': { status: 200, body: { sessions: [] } },
});

// The page holds many sections (details, logistics, sessions, conduct, policy, webhooks): on a busy
// machine it takes a while to draw.
describe('the event settings page', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('saves the details alone, with dates, time zone and website, and shows field errors', async () => {
    let attempt = 0;
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(eventDetails({}, admin)),
      'PATCH /api/events/ev-1': (body) =>
        ++attempt === 1
          ? {
              status: 400,
              body: apiError('validation_failed', 'Please check the fields.', [
                { field: 'body.website', message: 'Enter a web address starting with https://' },
              ]),
            }
          : {
              status: 200,
              body: { event: eventDetails({ ...(body as Partial<EventDetails>) }, admin) },
            },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Settings of RustFest Berlin' }),
    ).toBeTruthy();
    const details = screen.getByRole('region', { name: 'Details' });
    const starts = within(details).getByLabelText('Starts on') as HTMLInputElement;
    expect(starts.type).toBe('date');
    expect(starts.value).toBe('2026-06-03');
    await user.clear(within(details).getByLabelText('Ends on'));
    await user.type(within(details).getByRole('textbox', { name: /Description/ }), 'Talks.');
    await user.type(within(details).getByRole('textbox', { name: /Website/ }), 'rust.example');
    await user.click(within(details).getByRole('button', { name: 'Save details' }));
    expect(
      await within(details).findByText('Enter a web address starting with https://'),
    ).toBeTruthy();
    expect(within(details).queryByRole('alert')).toBeNull();

    await user.clear(within(details).getByRole('textbox', { name: /Website/ }));
    await user.type(
      within(details).getByRole('textbox', { name: /Website/ }),
      'https://rust.example',
    );
    await user.click(within(details).getByRole('button', { name: 'Save details' }));
    expect(await within(details).findByText('Saved.')).toBeTruthy();
    expect(calls.filter((c) => c.key === 'PATCH /api/events/ev-1').at(-1)?.body).toEqual({
      name: 'RustFest Berlin',
      slug: 'rustfest-berlin',
      description: 'Talks.',
      startsOn: '2026-06-03',
      endsOn: null,
      timeZone: 'Europe/Berlin',
      website: 'https://rust.example',
    });
  });

  it('finds a time zone by searching', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(eventDetails({}, admin)),
      'PATCH /api/events/ev-1': { status: 200, body: { event: eventDetails({}, admin) } },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const zone = await screen.findByRole('combobox', { name: 'Time zone' });
    await user.clear(zone);
    await user.type(zone, 'Tokyo');
    await user.click(await screen.findByRole('option', { name: 'Asia/Tokyo', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await screen.findByText('Saved.');
    expect(calls.find((c) => c.key === 'PATCH /api/events/ev-1')?.body).toMatchObject({
      timeZone: 'Asia/Tokyo',
    });
  });

  it('keeps a locked slug, says why, and does not send it', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(eventDetails({ slugLocked: true }, admin)),
      'PATCH /api/events/ev-1': { status: 200, body: { event: eventDetails({}, admin) } },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const slug = await screen.findByRole('textbox', { name: /slug/ });
    expect((slug as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText(/Reports exist for this event/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await screen.findByText('Saved.');
    expect(calls.find((c) => c.key === 'PATCH /api/events/ev-1')?.body).not.toHaveProperty('slug');
  });

  it('shows slug_taken at the slug', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...get(eventDetails({}, admin)),
      'PATCH /api/events/ev-1': {
        status: 409,
        body: apiError('slug_taken', 'Another event uses this address.'),
      },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    await user.click(await screen.findByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('Another event uses this address.')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /slug/ }).getAttribute('aria-invalid')).toBe('true');
  });

  it('saves the conduct settings alone, and previews the saved code of conduct', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(
        eventDetails({ codeOfConduct: '## Be kind', codeOfConductHtml: '<h2>Be kind</h2>' }, admin),
      ),
      'PATCH /api/events/ev-1': (body) => ({
        status: 200,
        body: {
          event: eventDetails(
            {
              ...(body as Partial<EventDetails>),
              codeOfConductHtml: '<h2>Be kind</h2><p>Always.</p>',
            },
            admin,
          ),
        },
      }),
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const conduct = await screen.findByRole('region', { name: 'Code of conduct and reporting' });
    expect(within(conduct).getByRole('heading', { name: 'Be kind' })).toBeTruthy();
    expect(within(conduct).getByText(/In Markdown/)).toBeTruthy();
    await user.type(within(conduct).getByRole('textbox', { name: /Contact email/ }), 'coc@x.org');
    await user.type(
      within(conduct).getByRole('textbox', { name: /^Code of conduct/ }),
      '\n\nAlways.',
    );
    expect(within(conduct).getByText('Save to see your changes here.')).toBeTruthy();
    const types = within(conduct).getByRole('combobox', { name: /Report types/ });
    await user.type(types, 'Accessibility{Enter}');
    await user.click(within(conduct).getByRole('button', { name: 'Save conduct settings' }));
    expect(await within(conduct).findByText('Saved.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'PATCH /api/events/ev-1')?.body).toEqual({
      contactEmail: 'coc@x.org',
      codeOfConduct: '## Be kind\n\nAlways.',
      reportTypes: ['harassment', 'safety', 'other', 'Accessibility'],
    });
    expect(await within(conduct).findByText('Always.')).toBeTruthy();
  });

  it('explains each policy setting and sends only what changed', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(eventDetails({}, admin)),
      'PATCH /api/events/ev-1': { status: 200, body: { event: eventDetails({}, admin) } },
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const policy = await screen.findByRole('region', { name: 'Policy' });
    expect(within(policy).getByText('Who may submit a report.')).toBeTruthy();
    const save = within(policy).getByRole('button', { name: 'Save policy' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(policy).getByRole('radio', { name: 'Anyone signed in to Steward' }));
    await user.click(
      within(policy).getByRole('switch', { name: /^Show the team's names on the public page/ }),
    );
    await user.click(save);
    await waitFor(() =>
      expect(calls.find((c) => c.key === 'PATCH /api/events/ev-1')?.body).toEqual({
        settings: { reportIntake: 'signed_in', showTeamPublicly: true },
      }),
    );
  });

  it('explains what emails about reports may carry, title by default, and sends the choice', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...get(eventDetails({ emailDetail: 'title' }, admin)),
      'PATCH /api/events/ev-1': (body) => ({
        status: 200,
        body: { event: eventDetails(body as Partial<EventDetails>, admin) },
      }),
    });
    const user = userEvent.setup();
    renderAt('/events/ev-1/settings');
    const emails = await screen.findByRole('region', { name: 'Emails about reports' });
    expect(within(emails).getByText(/Email is not a safe channel/)).toBeTruthy();
    const group = within(emails).getByRole('radiogroup', {
      name: 'What emails about reports may carry',
    });
    const title = within(group).getByRole('radio', { name: /Its title \(default\)/ });
    expect((title as HTMLInputElement).checked).toBe(true);
    const save = within(emails).getByRole('button', { name: 'Save email setting' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(group).getByRole('radio', { name: /Nothing of the report/ }));
    await user.click(save);
    expect(await within(emails).findByText('Saved.')).toBeTruthy();
    expect(calls.filter((c) => c.key === 'PATCH /api/events/ev-1').map((c) => c.body)).toEqual([
      { emailDetail: 'none' },
    ]);
    expect(
      (within(group).getByRole('radio', { name: /Nothing of the report/ }) as HTMLInputElement)
        .checked,
    ).toBe(true);
  });

  it('uploads a logo as the body, refuses a wrong file before sending, and removes it', async () => {
    let logo: string | null = null;
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': () => ({
        status: 200,
        body: { event: eventDetails({ logoUrl: logo }, admin) },
      }),
      'PUT /api/events/ev-1/logo': () => {
        logo = '/api/events/ev-1/logo?v=2';
        return { status: 200, body: { event: eventDetails({ logoUrl: logo }, admin) } };
      },
      'DELETE /api/events/ev-1/logo': () => {
        logo = null;
        return { status: 200, body: { event: eventDetails({ logoUrl: null }, admin) } };
      },
    });
    const user = userEvent.setup({ applyAccept: false });
    renderAt('/events/ev-1/settings');
    const section = await screen.findByRole('region', { name: 'Logo' });
    const input = section.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File(['%PDF'], 'cfp.pdf', { type: 'application/pdf' }));
    expect(await within(section).findByText('Use a PNG, JPEG, WebP or GIF image.')).toBeTruthy();
    expect(calls.some((c) => c.key === 'PUT /api/events/ev-1/logo')).toBe(false);

    const png = new File(['png'], 'logo.png', { type: 'image/png' });
    await user.upload(input, png);
    expect(await within(section).findByText('Logo saved.')).toBeTruthy();
    const put = calls.find((c) => c.key === 'PUT /api/events/ev-1/logo')!;
    expect(put.body).toBe(png);
    expect(put.contentType).toBe('image/png');
    expect(within(section).getByRole('img', { name: 'The logo of RustFest Berlin' })).toBeTruthy();

    await user.click(within(section).getByRole('button', { name: 'Remove logo' }));
    expect(await within(section).findByText('Logo removed.')).toBeTruthy();
    expect(within(section).queryByRole('img')).toBeNull();
  });

  it('shows only the details to a system admin, who may not change conduct settings', async () => {
    fakeApi({
      ...signedInRoutes(sysAdmin),
      ...get(eventDetails({ myRole: null }, { update: true })),
    });
    renderAt('/events/ev-1/settings');
    expect(await screen.findByRole('region', { name: 'Details' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Code of conduct and reporting' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Logo' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Policy' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Webhooks' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Emails about reports' })).toBeNull();
  });

  it('shows the not-found page for an event the caller may not see', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/events/ev-1': { status: 404, body: apiError('not_found', 'No such event.') },
    });
    renderAt('/events/ev-1/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
