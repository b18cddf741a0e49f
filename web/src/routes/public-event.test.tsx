import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RsvpChoice } from '../api/rsvps';
import type { EventSession } from '../api/sessions';
import {
  aLocation,
  aSummary,
  anRsvp,
  rsvpState,
  threeSessions,
} from '../features/rsvps/test-fixtures';
import { publicEvent } from '../test/event-fixtures';
import { member, signedInRoutes } from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';

const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };
const answer = (over = {}, sessions: EventSession[] = []) => ({
  'GET /api/public/events/rustfest-berlin': {
    status: 200,
    body: { event: publicEvent(over) },
  },
  'GET /api/events/ev-1/sessions': { status: 200, body: { sessions } },
});
const RSVP = '/api/events/ev-1/rsvp';

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

describe('where and when, on the public event page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the location, the sessions in the event’s time zone, and a calendar file', async () => {
    fakeApi({ ...signedOut, ...answer({ location: aLocation() }, threeSessions()) });
    renderAt('/e/rustfest-berlin');
    const where = await screen.findByRole('region', { name: 'When and where' });
    expect(where.textContent).toContain('Kulturbrauerei');
    expect(where.textContent).toContain('Schönhauser Allee 36, 10435 Berlin');
    expect(where.textContent).toContain('Region: Berlin');
    expect(
      within(where)
        .getByRole('link', { name: /Add to calendar/ })
        .getAttribute('href'),
    ).toBe('/api/public/events/rustfest-berlin/calendar.ics');

    const sessions = await screen.findByRole('region', { name: 'Sessions' });
    const items = within(sessions).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('p')?.textContent)).toEqual([
      'Keynote',
      'Embedded workshop',
      'Set-up shift',
    ]);
    // 08:00 UTC is 10:00 in Berlin; the workshop is elsewhere; the shift is for volunteers.
    expect(items[0]!.textContent).toMatch(/10:00/);
    expect(items[0]!.textContent).toContain('Required for attendees');
    expect(items[1]!.textContent).toContain('At c-base, Rungestraße 20 (Berlin)');
    expect(items[2]!.textContent).toContain('Volunteers only');
    expect(sessions.textContent).toContain('Times are in Europe/Berlin.');
  });

  it('says what is not announced yet, and offers no calendar when there is no feed', async () => {
    fakeApi({ ...signedOut, ...answer({ startsOn: null, endsOn: null, calendarUrl: null }) });
    renderAt('/e/rustfest-berlin');
    const where = await screen.findByRole('region', { name: 'When and where' });
    expect(where.textContent).toContain('The dates are not announced yet.');
    expect(where.textContent).toContain('The place is not announced yet.');
    expect(within(where).queryByRole('link', { name: /Add to calendar/ })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Sessions' })).toBeNull();
  });
});

describe('the RSVP card', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks a visitor to sign in and come back, and says what an RSVP also gives', async () => {
    const calls = fakeApi({ ...signedOut, ...answer() });
    renderAt('/e/rustfest-berlin');
    const card = await screen.findByRole('region', { name: 'RSVP' });
    expect(within(card).getByRole('link', { name: 'Sign in to RSVP' }).getAttribute('href')).toBe(
      '/sign-in?next=%2Fe%2Frustfest-berlin',
    );
    expect(card.textContent).toContain('An RSVP also lets you report an incident at this event');
    expect(within(card).getByRole('link', { name: 'the report form' }).getAttribute('href')).toBe(
      '/e/rustfest-berlin/report',
    );
    // Nobody's RSVP is asked for without a session.
    expect(calls.some((c) => c.key === `GET ${RSVP}`)).toBe(false);
  });

  it('joins the waitlist when attendee places are full, with required sessions locked in', async () => {
    const full = aSummary({
      attendee: { capacity: 50, confirmed: 50, waitlisted: 2 },
      volunteer: { capacity: 10, confirmed: 4 },
    });
    let state = rsvpState(null, full);
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...answer({}, threeSessions()),
      [`GET ${RSVP}`]: () => ({ status: 200, body: state }),
      [`PUT ${RSVP}`]: (body) => {
        const choice = body as RsvpChoice;
        state = rsvpState(
          anRsvp({
            kind: choice.kind,
            status: 'waitlisted',
            waitlistPosition: 3,
            sessionIds: choice.sessionIds,
          }),
          aSummary({ attendee: { capacity: 50, confirmed: 50, waitlisted: 3 } }),
        );
        return { status: 201, body: state };
      },
    });
    const user = userEvent.setup();
    renderAt('/e/rustfest-berlin');
    const card = await screen.findByRole('region', { name: 'RSVP' });
    const form = await within(card).findByRole('form', { name: 'RSVP' });

    const attendee = within(form).getByRole('radio', { name: 'Attendee' });
    expect((attendee as HTMLInputElement).checked).toBe(true);
    expect(form.textContent).toContain('Full: new RSVPs join the waitlist (2 waiting)');
    expect(form.textContent).toContain('6 places left of 10');

    // The keynote is required for attendees: chosen, and cannot be unchosen.
    const keynote = within(form).getByRole('checkbox', { name: 'Keynote' }) as HTMLInputElement;
    expect(keynote.checked).toBe(true);
    expect(keynote.disabled).toBe(true);
    // The set-up shift is for volunteers only: not offered to attendees.
    expect(within(form).queryByRole('checkbox', { name: 'Set-up shift' })).toBeNull();
    const share = within(form).getByRole('checkbox', {
      name: 'Let the organizers see my email address',
    }) as HTMLInputElement;
    expect(share.checked).toBe(false);

    await user.click(within(form).getByRole('checkbox', { name: 'Embedded workshop' }));
    await user.click(within(form).getByRole('button', { name: 'Join the waitlist' }));

    expect(await within(card).findByText('You are on the waitlist, number 3.')).toBeTruthy();
    expect(card.textContent).toContain('You are on the waitlist for attendees, number 3 in line.');
    expect(within(card).getByText('Waitlist: number 3')).toBeTruthy();
    expect(card.textContent).toContain('Keynote:');
    expect(card.textContent).toContain('Embedded workshop:');
    expect(card.textContent).toContain('The organizers do not see your email address.');
    expect(calls.find((c) => c.key === `PUT ${RSVP}`)?.body).toEqual({
      kind: 'attendee',
      sessionIds: ['ses-keynote', 'ses-workshop'],
      shareEmail: false,
    });
  });

  it('offers volunteers their own sessions, with nothing locked, and the email opt-in', async () => {
    let state = rsvpState(null);
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...answer({}, threeSessions()),
      [`GET ${RSVP}`]: () => ({ status: 200, body: state }),
      [`PUT ${RSVP}`]: (body) => {
        state = rsvpState(anRsvp({ ...(body as RsvpChoice), status: 'confirmed' }));
        return { status: 201, body: state };
      },
    });
    const user = userEvent.setup();
    renderAt('/e/rustfest-berlin');
    const form = await screen.findByRole('form', { name: 'RSVP' });
    expect(form.textContent).toContain('No limit on places');
    await user.click(within(form).getByRole('radio', { name: 'Volunteer' }));

    const keynote = within(form).getByRole('checkbox', { name: 'Keynote' }) as HTMLInputElement;
    expect(keynote.disabled).toBe(false);
    expect(keynote.checked).toBe(false);
    await user.click(within(form).getByRole('checkbox', { name: 'Set-up shift' }));
    await user.click(
      within(form).getByRole('checkbox', { name: 'Let the organizers see my email address' }),
    );
    await user.click(within(form).getByRole('button', { name: 'RSVP as volunteer' }));

    expect(await screen.findByText('Your RSVP is confirmed.')).toBeTruthy();
    expect(screen.getByText('You are going as a volunteer.')).toBeTruthy();
    expect(screen.getByText('The organizers can see your email address.')).toBeTruthy();
    expect(calls.find((c) => c.key === `PUT ${RSVP}`)?.body).toEqual({
      kind: 'volunteer',
      sessionIds: ['ses-setup'],
      shareEmail: true,
    });
  });

  it('leaves a volunteer’s own sessions out when they switch back to attendee', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...answer({}, threeSessions()),
      [`GET ${RSVP}`]: { status: 200, body: rsvpState(null) },
      [`PUT ${RSVP}`]: { status: 201, body: rsvpState(anRsvp()) },
    });
    const user = userEvent.setup();
    renderAt('/e/rustfest-berlin');
    const form = await screen.findByRole('form', { name: 'RSVP' });
    await user.click(within(form).getByRole('radio', { name: 'Volunteer' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Set-up shift' }));
    await user.click(within(form).getByRole('radio', { name: 'Attendee' }));
    expect(within(form).queryByRole('checkbox', { name: 'Set-up shift' })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'RSVP as attendee' }));
    await waitFor(() =>
      expect(calls.find((c) => c.key === `PUT ${RSVP}`)?.body).toEqual({
        kind: 'attendee',
        sessionIds: ['ses-keynote'],
        shareEmail: false,
      }),
    );
  });

  it('shows one’s RSVP, changes its sessions, and cancels it after asking', async () => {
    let state = rsvpState(anRsvp({ sessionIds: ['ses-keynote'] }));
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...answer({}, threeSessions()),
      [`GET ${RSVP}`]: () => ({ status: 200, body: state }),
      [`PUT ${RSVP}`]: (body) => {
        state = rsvpState(anRsvp(body as RsvpChoice));
        return { status: 200, body: state };
      },
      [`DELETE ${RSVP}`]: () => {
        state = rsvpState(null);
        return { status: 200, body: state };
      },
    });
    const user = userEvent.setup();
    renderAt('/e/rustfest-berlin');
    const card = await screen.findByRole('region', { name: 'RSVP' });
    expect(await within(card).findByText('You are going as an attendee.')).toBeTruthy();
    expect(within(card).getByText('Confirmed')).toBeTruthy();

    await user.click(within(card).getByRole('button', { name: 'Change your RSVP' }));
    const form = within(card).getByRole('form', { name: 'Change your RSVP' });
    // Changing the kind would give up the place: said before it is saved.
    await user.click(within(form).getByRole('radio', { name: 'Volunteer' }));
    expect(within(form).getByText(/You give up your place as attendee/)).toBeTruthy();
    await user.click(within(form).getByRole('radio', { name: 'Attendee' }));
    expect(within(form).queryByText(/You give up your place/)).toBeNull();
    await user.click(within(form).getByRole('checkbox', { name: 'Embedded workshop' }));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await within(card).findByText('Your RSVP is changed.')).toBeTruthy();
    expect(card.textContent).toContain('Embedded workshop:');

    await user.click(within(card).getByRole('button', { name: 'Cancel your RSVP' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel your RSVP?' });
    expect(dialog.textContent).toContain('the next person on the waitlist gets it');
    await user.click(within(dialog).getByRole('button', { name: 'Keep my RSVP' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.some((c) => c.key === `DELETE ${RSVP}`)).toBe(false);

    await user.click(within(card).getByRole('button', { name: 'Cancel your RSVP' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel my RSVP' }),
    );
    expect(await within(card).findByText('Your RSVP is cancelled.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The event still takes RSVPs: the form is there to RSVP again.
    expect(within(card).getByRole('form', { name: 'RSVP' })).toBeTruthy();
  });

  it('offers no change while the sessions are not known, which would drop the chosen ones', async () => {
    let sessionsUp = false;
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...answer(),
      'GET /api/events/ev-1/sessions': () =>
        sessionsUp
          ? { status: 200, body: { sessions: threeSessions() } }
          : { status: 503, body: apiError('unavailable', 'Steward is busy.') },
      [`GET ${RSVP}`]: {
        status: 200,
        body: rsvpState(anRsvp({ sessionIds: ['ses-keynote', 'ses-workshop'] })),
      },
      [`PUT ${RSVP}`]: (body) => ({ status: 200, body: rsvpState(anRsvp(body as RsvpChoice)) }),
    });
    const user = userEvent.setup();
    renderAt('/e/rustfest-berlin');
    const card = await screen.findByRole('region', { name: 'RSVP' });
    expect(await within(card).findByText('You are going as an attendee.')).toBeTruthy();
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('Your RSVP needs the sessions, which could not be loaded');
    expect(within(card).queryByRole('button', { name: 'Change your RSVP' })).toBeNull();
    // Cancelling needs no sessions.
    expect(within(card).getByRole('button', { name: 'Cancel your RSVP' })).toBeTruthy();

    sessionsUp = true;
    await user.click(within(card).getByRole('button', { name: 'Try again' }));
    await user.click(await within(card).findByRole('button', { name: 'Change your RSVP' }));
    const form = within(card).getByRole('form', { name: 'Change your RSVP' });
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(calls.find((c) => c.key === `PUT ${RSVP}`)?.body).toEqual({
        kind: 'attendee',
        sessionIds: ['ses-keynote', 'ses-workshop'],
        shareEmail: false,
      }),
    );
  });

  it('waits for the sessions before offering the form to a newcomer', async () => {
    let answerSessions!: () => void;
    const sessionsHeld = new Promise<void>((resolve) => (answerSessions = resolve));
    fakeApi({
      ...signedInRoutes(member),
      ...answer({}, threeSessions()),
      [`GET ${RSVP}`]: { status: 200, body: rsvpState(null) },
    });
    const answerOf = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      if (input === '/api/events/ev-1/sessions') await sessionsHeld;
      return answerOf(input, init);
    });
    renderAt('/e/rustfest-berlin');
    const card = await screen.findByRole('region', { name: 'RSVP' });
    expect(
      await within(card).findByRole('status', { name: 'Loading the sessions to choose from' }),
    ).toBeTruthy();
    expect(within(card).queryByRole('form')).toBeNull();
    answerSessions();
    const form = await within(card).findByRole('form', { name: 'RSVP' });
    expect(
      (within(form).getByRole('checkbox', { name: 'Keynote' }) as HTMLInputElement).checked,
    ).toBe(true);
  });

  it('lets one cancel but not change an RSVP once the event stops taking them', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...answer(),
      [`GET ${RSVP}`]: {
        status: 200,
        body: rsvpState(
          anRsvp({ status: 'waitlisted', waitlistPosition: 1, sessionIds: [] }),
          aSummary({ open: false }),
        ),
      },
    });
    renderAt('/e/rustfest-berlin');
    const card = await screen.findByRole('region', { name: 'RSVP' });
    expect(await within(card).findByText(/number 1 in line/)).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Change your RSVP' })).toBeNull();
    expect(within(card).getByRole('button', { name: 'Cancel your RSVP' })).toBeTruthy();
  });

  it('says so when the event takes no RSVPs, and shows a refusal from the server', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...answer(),
      [`GET ${RSVP}`]: { status: 200, body: rsvpState(null, aSummary({ open: false })) },
    });
    renderAt('/e/rustfest-berlin');
    const card = await screen.findByRole('region', { name: 'RSVP' });
    expect(await within(card).findByText('This event does not take RSVPs right now.')).toBeTruthy();
    expect(within(card).queryByRole('form')).toBeNull();
  });

  it('keeps the form and says why when the server refuses', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...answer(),
      [`GET ${RSVP}`]: { status: 200, body: rsvpState(null) },
      [`PUT ${RSVP}`]: {
        status: 403,
        body: apiError('forbidden', 'This event no longer takes RSVPs.'),
      },
    });
    const user = userEvent.setup();
    renderAt('/e/rustfest-berlin');
    const form = await screen.findByRole('form', { name: 'RSVP' });
    await user.click(within(form).getByRole('button', { name: 'RSVP as attendee' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Your RSVP was not sent');
    expect(alert.textContent).toContain('This event no longer takes RSVPs.');
  });
  it('shows the RSVP as it now is after a refusal: RSVPs closed meanwhile', async () => {
    let open = true;
    fakeApi({
      ...signedInRoutes(member),
      ...answer(),
      [`GET ${RSVP}`]: () => ({ status: 200, body: rsvpState(null, aSummary({ open })) }),
      [`PUT ${RSVP}`]: () => {
        open = false;
        return { status: 403, body: apiError('forbidden', 'This event no longer takes RSVPs.') };
      },
    });
    const user = userEvent.setup();
    renderAt('/e/rustfest-berlin');
    const card = await screen.findByRole('region', { name: 'RSVP' });
    const form = await within(card).findByRole('form', { name: 'RSVP' });
    await user.click(within(form).getByRole('button', { name: 'RSVP as attendee' }));
    expect(await within(card).findByText('This event does not take RSVPs right now.')).toBeTruthy();
    expect(within(card).queryByRole('form')).toBeNull();
    const alert = within(card).getByRole('alert');
    expect(alert.textContent).toContain('Your RSVP was not sent');
    expect(alert.textContent).toContain('This event no longer takes RSVPs.');
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
