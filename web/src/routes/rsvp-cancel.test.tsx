import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';

const TOKEN = '3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f.q8Zr-x_Y1Kd0pN7vT3wLmA4sB9cE2fG5hJ6iK8lM0nO';
// The token travels in the bodies of these two, never in a URL.
const PREVIEW = 'POST /api/rsvp-cancellations/preview';
const CANCEL = 'POST /api/rsvp-cancellations';
const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };
const rustfest = { name: 'RustFest Berlin', slug: 'rustfest-berlin', startsOn: '2026-06-03' };

/** Whatever this tab keeps. */
const kept = () =>
  Array.from({ length: window.sessionStorage.length }, (_, i) =>
    window.sessionStorage.getItem(window.sessionStorage.key(i) ?? ''),
  );

/** Opens the page as the emailed link does: the token alone in the fragment. */
function openLink(fragment: string) {
  window.history.replaceState(null, '', `/rsvp/cancel${fragment}`);
  return renderAt(`/rsvp/cancel${fragment}`);
}

describe('the RSVP cancellation link', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/rsvp/cancel');
    window.sessionStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the RSVP, cancels it, and says so, with the token out of the address', async () => {
    const calls = fakeApi({
      ...signedOut,
      [PREVIEW]: {
        status: 200,
        body: { event: rustfest, kind: 'attendee', status: 'confirmed' },
      },
      [CANCEL]: {
        status: 200,
        body: { event: { name: rustfest.name, slug: rustfest.slug } },
      },
    });
    const user = userEvent.setup();
    openLink(`#${TOKEN}`);

    // The same title while the link is checked, so the content is what is waited for.
    expect(await screen.findByRole('button', { name: 'Cancel my RSVP' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Cancel your RSVP' })).toBeTruthy();
    const main = screen.getByRole('main');
    expect(main.textContent).toContain('Your RSVP to RustFest Berlin');
    expect(main.textContent).toContain('as attendee: you have a place.');
    expect(main.textContent).toContain('your place goes to the next person on the waitlist');
    // Out of the address, kept in this tab only (for a reload).
    expect(window.location.hash).toBe('');
    expect(kept()).toEqual([TOKEN]);
    expect(
      within(main)
        .getByRole('link', { name: 'Keep it, and go to RustFest Berlin' })
        .getAttribute('href'),
    ).toBe('/e/rustfest-berlin');

    await user.click(within(main).getByRole('button', { name: 'Cancel my RSVP' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'RSVP cancelled' })).toBeTruthy();
    expect(screen.getByRole('main').textContent).toContain(
      'Your RSVP to RustFest Berlin is cancelled.',
    );
    expect(calls.filter((c) => c.key === CANCEL)).toHaveLength(1);
    const linkCalls = calls.filter((c) => c.key === PREVIEW || c.key === CANCEL);
    expect(linkCalls.map((c) => c.body)).toEqual([{ token: TOKEN }, { token: TOKEN }]);
    expect(calls.some((c) => c.key.includes(TOKEN))).toBe(false);
    // Used up: not kept in the tab any longer.
    expect(kept()).toEqual([]);
  });

  it('takes the token the way the app’s other links name it too', async () => {
    fakeApi({
      ...signedOut,
      [PREVIEW]: {
        status: 200,
        body: { event: rustfest, kind: 'volunteer', status: 'waitlisted' },
      },
    });
    openLink(`#token=${TOKEN}`);
    expect(await screen.findByText(/as volunteer: you are on the waitlist\./)).toBeTruthy();
    expect(screen.getByText('If you cancel, you leave the waitlist.')).toBeTruthy();
  });

  it('says calmly that an unknown link is not valid', async () => {
    fakeApi({
      ...signedOut,
      [PREVIEW]: { status: 404, body: apiError('not_found', 'Not found.') },
    });
    openLink(`#${TOKEN}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This link is not valid' }),
    ).toBeTruthy();
    expect(kept()).toEqual([]);
    expect(
      within(screen.getByRole('main')).getByRole('link', { name: 'My RSVPs' }).getAttribute('href'),
    ).toBe('/rsvps');
    expect(screen.queryByRole('button', { name: 'Cancel my RSVP' })).toBeNull();
  });

  it('says the same for a link without a token, without asking the server', async () => {
    const calls = fakeApi({ ...signedOut });
    openLink('');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This link is not valid' }),
    ).toBeTruthy();
    expect(calls.some((c) => c.key.includes('rsvp-cancellations'))).toBe(false);
  });

  it('says an RSVP cancelled already is cancelled', async () => {
    const calls = fakeApi({
      ...signedOut,
      [PREVIEW]: {
        status: 200,
        body: { event: rustfest, kind: 'attendee', status: 'cancelled' },
      },
    });
    openLink(`#${TOKEN}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'RSVP cancelled' })).toBeTruthy();
    expect(calls.some((c) => c.key === CANCEL)).toBe(false);
  });

  it('shows a failure to cancel, and keeps the button to try again', async () => {
    fakeApi({
      ...signedOut,
      [PREVIEW]: {
        status: 200,
        body: { event: rustfest, kind: 'attendee', status: 'confirmed' },
      },
      [CANCEL]: {
        status: 429,
        body: apiError('rate_limited', 'Too many attempts. Try again in a minute.'),
      },
    });
    const user = userEvent.setup();
    openLink(`#${TOKEN}`);
    await user.click(await screen.findByRole('button', { name: 'Cancel my RSVP' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Too many attempts. Try again in a minute.');
    expect(screen.getByRole('button', { name: 'Cancel my RSVP' })).toBeTruthy();
  });
});
