import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { publicEvent } from '../test/event-fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };
const answer = (over = {}) => ({
  'GET /api/public/events/rustfest-berlin': {
    status: 200,
    body: { event: publicEvent(over) },
  },
});

describe('the public event page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the event to anyone, with its code of conduct and the way to report', async () => {
    fakeApi({ ...signedOut, ...answer() });
    renderAt('/e/rustfest-berlin');
    expect(await screen.findByRole('heading', { level: 1, name: 'RustFest Berlin' })).toBeTruthy();
    const main = screen.getByRole('main');
    expect(main.textContent).toContain('By Rust Community');
    expect(main.textContent).toContain('(Europe/Berlin)');
    expect(main.textContent).toContain('Three days of Rust.\nTalks and workshops.');
    expect(
      within(main).getByRole('link', { name: 'Report an incident' }).getAttribute('href'),
    ).toBe('/e/rustfest-berlin/report');
    expect(
      within(main).getByRole('link', { name: 'coc@rustfest.example.org' }).getAttribute('href'),
    ).toBe('mailto:coc@rustfest.example.org');
    expect(
      within(main).getByRole('link', { name: 'https://rustfest.example.org' }).getAttribute('href'),
    ).toBe('https://rustfest.example.org');
    const coc = within(main).getByRole('region', { name: 'Code of conduct' });
    // Under the section's h2, and never a second h1.
    expect(within(coc).getByRole('heading', { level: 4, name: 'Be kind' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(within(main).queryByRole('region', { name: 'Code-of-conduct team' })).toBeNull();
    expect(screen.queryByText('This page is not public yet')).toBeNull();
  });

  it('lists the team where the event shows it, and says when it is only a preview', async () => {
    fakeApi({
      ...signedOut,
      ...answer({
        preview: true,
        team: [
          { name: 'Lea', role: 'event_admin' },
          { name: 'Rui', role: 'responder' },
        ],
      }),
    });
    renderAt('/e/rustfest-berlin');
    expect(await screen.findByText('This page is not public yet')).toBeTruthy();
    const team = screen.getByRole('region', { name: 'Code-of-conduct team' });
    expect(
      within(team)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Lea (Event admin)', 'Rui (Responder)']);
  });

  it('shows the not-found page for an event that is not public', async () => {
    fakeApi({
      ...signedOut,
      'GET /api/public/events/hidden': { status: 404, body: apiError('not_found', 'Not found.') },
    });
    renderAt('/e/hidden');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});

describe('the report page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('points to the people at the event when there is no contact email', async () => {
    fakeApi({ ...signedOut, ...answer({ contactEmail: null }) });
    renderAt('/e/rustfest-berlin/report');
    expect(await screen.findByText(/has not given a contact email/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Email the team' })).toBeNull();
  });

  it('shows the not-found page for an event that is not public', async () => {
    fakeApi({
      ...signedOut,
      'GET /api/public/events/hidden': { status: 404, body: apiError('not_found', 'Not found.') },
    });
    renderAt('/e/hidden/report');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
