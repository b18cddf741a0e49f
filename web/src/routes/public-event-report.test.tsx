import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { NewReport } from '../api/report-types';
import type { PublicEvent } from '../api/events';
import { publicEvent } from '../test/event-fixtures';
import { member, signedInRoutes } from '../test/fixtures';
import { apiError, fakeApi, renderAt } from '../test/render';
import { submitted } from '../features/reports/submit/test-fixtures';

const PAGE = '/e/rustfest-berlin/report';
const POST = 'POST /api/events/ev-1/reports';
const DRAFT_KEY = 'steward.report-draft.rustfest-berlin';
const signedOut = { 'GET /api/auth/session': { status: 200, body: { user: null } } };
const theEvent = (over: Partial<PublicEvent> = {}) => ({
  'GET /api/public/events/rustfest-berlin': { status: 200, body: { event: publicEvent(over) } },
});

const field = (name: RegExp | string) => screen.getByRole('textbox', { name });
const posted = (calls: { key: string; body: unknown }[]) =>
  calls.filter((c) => c.key === POST).map((c) => c.body as NewReport);

/** Fills the three fields a report needs. */
async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByRole('textbox', { name: /^Title/ }), 'Grabbed');
  await user.type(field(/^What happened/), 'Arm grabbed.');
  await user.click(screen.getByRole('radio', { name: 'Harassment' }));
}

// Typing into a whole form in happy-dom is slow on a busy machine.
describe('reporting an incident', { timeout: 20_000 }, () => {
  beforeEach(() => window.localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('shows the fields in the event’s time zone, and the server’s errors at their fields', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...theEvent(),
      [POST]: {
        status: 400,
        body: apiError('validation_failed', 'Check the highlighted fields.', [
          { field: 'body.title', message: 'Use at most 200 characters' },
          { field: 'body.location', message: 'Use at most 500 characters' },
        ]),
      },
    });
    const user = userEvent.setup();
    renderAt(PAGE);
    expect(await screen.findByRole('form', { name: 'Your report' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Report an incident' })).toBeTruthy();
    const main = screen.getByRole('main');
    expect(main.textContent).toContain('emergency number');
    expect(within(main).getByRole('link', { name: 'coc@rustfest.example.org' })).toBeTruthy();
    expect(
      within(main)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['harassment', 'safety', 'other']);
    expect(main.textContent).toContain('Time at the event (Europe/Berlin)');
    const when = main.querySelector<HTMLInputElement>('input[type="datetime-local"]')!;
    expect(when.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    // Members' events: no anonymous choice; the team may write by email unless told otherwise.
    expect(within(main).queryByRole('checkbox', { name: /without my name/ })).toBeNull();
    const contact = within(main).getByRole('combobox', { name: 'How may the team reach you?' });
    expect((contact as HTMLSelectElement).value).toBe('email');
    expect(within(main).queryByRole('textbox', { name: 'Your phone number' })).toBeNull();

    // Nothing sent without the three things a report needs.
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    expect(screen.getByText('Give the report a short title')).toBeTruthy();
    expect(screen.getByText('Describe what happened')).toBeTruthy();
    expect(screen.getByText('Choose a type')).toBeTruthy();
    expect(posted(calls)).toHaveLength(0);

    await fillIn(user);
    await user.selectOptions(contact, 'phone');
    await user.type(field('Your phone number'), '+4930');
    await user.click(screen.getByRole('button', { name: /More details/ }));
    await user.type(field(/^Where/), 'Hall');
    await user.click(screen.getByRole('button', { name: 'Send report' }));

    expect(await screen.findByText('Use at most 200 characters')).toBeTruthy();
    expect(field(/^Title/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Use at most 500 characters')).toBeTruthy();
    expect(field(/^Where/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
    const [sent] = posted(calls);
    expect(sent).toMatchObject({
      title: 'Grabbed',
      description: 'Arm grabbed.',
      type: 'harassment',
      location: 'Hall',
      parties: '',
      contactPreference: 'phone',
      contactDetails: '+4930',
      anonymous: false,
    });
    // The time as the event's clock shows it, with Berlin's offset.
    expect(sent!.incidentAt).toBe(`${when.value}:00${sent!.incidentAt!.slice(-6)}`);
    expect(sent!.incidentAt!.slice(-6)).toMatch(/^\+0[12]:00$/);
    expect(sent!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('brings back a draft with a notice, and starts over on request', async () => {
    window.localStorage.setItem(
      DRAFT_KEY,
      JSON.stringify({
        idempotencyKey: 'key-kept',
        title: 'Kept title',
        description: 'Kept words',
        type: 'safety',
        incidentAt: '2026-06-03T20:30',
        location: 'Stairs',
        parties: '',
        contactPreference: 'none',
        contactDetails: '',
        anonymous: false,
        savedAt: '2026-06-03T19:00:00.000Z',
      }),
    );
    fakeApi({ ...signedInRoutes(member), ...theEvent() });
    const user = userEvent.setup();
    renderAt(PAGE);
    const notice = await screen.findByRole('status', { name: /We kept what you wrote/ });
    expect(notice.textContent).toContain('Files are not kept');
    expect((field(/^Title/) as HTMLInputElement).value).toBe('Kept title');
    expect((field(/^What happened/) as HTMLTextAreaElement).value).toBe('Kept words');
    expect((screen.getByRole('radio', { name: 'Safety' }) as HTMLInputElement).checked).toBe(true);
    expect(
      screen.getByRole<HTMLInputElement>('radio', { name: 'Safety' }).checked &&
        screen.getByRole<HTMLInputElement>('radio', { name: 'Harassment' }).checked,
    ).toBe(false);
    // The details behind "More details" are open, since the draft has some.
    expect((field(/^Where/) as HTMLInputElement).value).toBe('Stairs');
    expect(document.querySelector<HTMLInputElement>('input[type="datetime-local"]')!.value).toBe(
      '2026-06-03T20:30',
    );

    // Typing keeps the draft, with the same key.
    await user.type(field(/^Title/), '!');
    const kept = JSON.parse(window.localStorage.getItem(DRAFT_KEY)!) as NewReport;
    expect(kept.title).toBe('Kept title!');
    expect(kept.idempotencyKey).toBe('key-kept');

    await user.click(within(notice).getByRole('button', { name: 'Start over' }));
    expect((field(/^Title/) as HTMLInputElement).value).toBe('');
    expect((field(/^What happened/) as HTMLTextAreaElement).value).toBe('');
    expect(screen.queryByText(/We kept what you wrote/)).toBeNull();
    expect(window.localStorage.getItem(DRAFT_KEY)).toBeNull();
    expect(document.activeElement).toBe(field(/^Title/));

    // A new draft gets a new key.
    await user.type(field(/^Title/), 'Again');
    const fresh = JSON.parse(window.localStorage.getItem(DRAFT_KEY)!) as NewReport;
    expect(fresh.idempotencyKey).not.toBe('key-kept');
  });

  it('tries again with the same key after a lost connection and a server failure, then clears the draft', async () => {
    let attempt = 0;
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...theEvent(),
      [POST]: () => {
        attempt += 1;
        if (attempt === 1) throw new TypeError('Failed to fetch');
        if (attempt === 2) {
          return { status: 503, body: apiError('unavailable', 'Try again in a moment.') };
        }
        return { status: 201, body: submitted() };
      },
    });
    const user = userEvent.setup();
    renderAt(PAGE);
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Send report' }));

    let alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your report has not been sent yet');
    expect(alert.textContent).toContain('could not be reached');
    expect(alert.textContent).toContain('Nothing is lost');
    expect((field(/^Title/) as HTMLInputElement).value).toBe('Grabbed');
    expect(window.localStorage.getItem(DRAFT_KEY)).toContain('Grabbed');

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(attempt).toBe(2));
    alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong on our side');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Report sent' })).toBeTruthy();
    const keys = posted(calls).map((b) => b.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(posted(calls)[2]).toEqual(posted(calls)[0]);
    expect(window.localStorage.getItem(DRAFT_KEY)).toBeNull();

    const main = screen.getByRole('main');
    expect(main.textContent).toContain('Your report #4 has reached');
    expect(main.textContent).toContain('The team is told about your report now.');
    expect(main.textContent).toContain('write to you at your account’s email address');
    expect(within(main).getByRole('link', { name: 'My reports' }).getAttribute('href')).toBe(
      '/reports/mine',
    );
    expect(
      within(main).getByRole('link', { name: 'the report’s own page' }).getAttribute('href'),
    ).toBe('/reports/r-1');
    expect(within(main).queryByRole('textbox', { name: 'Your private link' })).toBeNull();
  });

  it('sends anonymously when signed out, and shows the private link once', async () => {
    const calls = fakeApi({
      ...signedOut,
      ...theEvent({ reportIntake: 'anonymous' }),
      [POST]: {
        status: 201,
        body: submitted({ anonymous: true, contactPreference: 'none' }, 'secret-token-123'),
      },
    });
    const user = userEvent.setup();
    const { router } = renderAt(PAGE);
    expect(
      await screen.findByText(/You are not signed in, so this report is anonymous/),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in instead' }).getAttribute('href')).toBe(
      '/sign-in?next=%2Fe%2Frustfest-berlin%2Freport',
    );
    // The choice is made already: no account, no email to reach.
    expect(screen.queryByRole('checkbox', { name: /without my name/ })).toBeNull();
    const contact = screen.getByRole<HTMLSelectElement>('combobox', {
      name: 'How may the team reach you?',
    });
    expect(Array.from(contact.options).map((o) => o.value)).toEqual(['none', 'phone', 'in_person']);

    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Report sent' })).toBeTruthy();
    expect(posted(calls)[0]).toMatchObject({ anonymous: true, contactPreference: 'none' });

    const link = screen.getByRole<HTMLInputElement>('textbox', { name: 'Your private link' });
    expect(link.value).toBe(`${window.location.origin}/follow-up#token=secret-token-123`);
    expect(screen.getByText(/only way back to your report/).textContent).toContain(
      'nobody can recover it',
    );
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'My reports' })).toBeNull();

    // Gone for good once the person moves on: never kept, never shown again.
    await router.navigate('/e/rustfest-berlin');
    expect(await screen.findByRole('heading', { level: 1, name: 'RustFest Berlin' })).toBeTruthy();
    await router.navigate(PAGE);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Report an incident' }),
    ).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Your private link' })).toBeNull();
    expect(document.body.innerHTML).not.toContain('secret-token-123');
    expect(JSON.stringify(window.localStorage)).not.toContain('secret-token-123');
    expect(JSON.stringify(window.sessionStorage)).not.toContain('secret-token-123');
  });

  it('lets a signed-in person report without their name where the event allows it', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...theEvent({ reportIntake: 'anonymous' }),
      [POST]: { status: 201, body: submitted({ anonymous: true }, 'tok-2') },
    });
    const user = userEvent.setup();
    renderAt(PAGE);
    await fillIn(user);
    const contact = screen.getByRole<HTMLSelectElement>('combobox', {
      name: 'How may the team reach you?',
    });
    expect(contact.value).toBe('email');
    await user.click(screen.getByRole('checkbox', { name: /Send without my name/ }));
    expect(contact.value).toBe('none');
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    expect(await screen.findByRole('textbox', { name: 'Your private link' })).toBeTruthy();
    expect(posted(calls)[0]).toMatchObject({ anonymous: true, contactPreference: 'none' });
  });

  it('asks a signed-out person to sign in where reporting needs an account', async () => {
    fakeApi({ ...signedOut, ...theEvent({ canReport: false, reportIntake: 'members' }) });
    renderAt(PAGE);
    const signIn = await screen.findByRole('link', { name: 'Sign in to report' });
    expect(signIn.getAttribute('href')).toBe('/sign-in?next=%2Fe%2Frustfest-berlin%2Freport');
    const main = screen.getByRole('main');
    expect(main.textContent).toContain('for the event’s participants');
    expect(main.textContent).toContain('emergency number');
    expect(within(main).getByRole('link', { name: 'Email the team' }).getAttribute('href')).toBe(
      'mailto:coc@rustfest.example.org',
    );
    expect(within(main).queryByRole('textbox')).toBeNull();
    expect(within(main).queryByRole('button', { name: 'Send report' })).toBeNull();
  });

  it('tells a signed-in person who is not a participant how to reach the team', async () => {
    fakeApi({
      ...signedInRoutes(member),
      ...theEvent({
        canReport: false,
        reportIntake: 'members',
        team: [{ name: 'Lea', role: 'event_admin' }],
      }),
    });
    renderAt(PAGE);
    expect(
      await screen.findByText(/Reporting online here is for the event’s participants/),
    ).toBeTruthy();
    const main = screen.getByRole('main');
    expect(within(main).queryByRole('link', { name: 'Sign in to report' })).toBeNull();
    expect(within(main).getByRole('link', { name: 'Email the team' })).toBeTruthy();
    expect(within(main).getByText('Lea')).toBeTruthy();
    expect(within(main).queryByRole('textbox')).toBeNull();
  });

  it('uploads the files one by one after the report; a failed one is named and tried again', async () => {
    let bTries = 0;
    const calls = fakeApi({
      ...signedInRoutes(member),
      ...theEvent(),
      [POST]: { status: 201, body: submitted() },
      'POST /api/reports/r-1/evidence?name=a.png': { status: 201, body: { evidence: {} } },
      'POST /api/reports/r-1/evidence?name=b%20notes.pdf': () =>
        ++bTries === 1
          ? { status: 413, body: apiError('payload_too_large', 'A file may be at most 20 MB.') }
          : { status: 201, body: { evidence: {} } },
    });
    const user = userEvent.setup();
    renderAt(PAGE);
    await fillIn(user);
    const picker = document.querySelector<HTMLInputElement>('input[name="evidence"]')!;
    expect(picker.accept).toBe('image/*,video/*,audio/*,application/pdf,text/plain');
    expect(picker.multiple).toBe(true);
    const camera = document.querySelector<HTMLInputElement>('input[name="photo"]')!;
    expect(camera.getAttribute('capture')).toBe('environment');

    const a = new File([new Uint8Array(2048)], 'a.png', { type: 'image/png' });
    const b = new File([new Uint8Array(10)], 'b notes.pdf', { type: 'application/pdf' });
    const c = new File(['x'], 'c.txt', { type: 'text/plain' });
    await user.upload(picker, [a, b, c]);
    const chosen = screen.getByRole('list', { name: 'Chosen files' });
    expect(within(chosen).getAllByRole('listitem')).toHaveLength(3);
    expect(within(chosen).getByText('a.png')).toBeTruthy();
    expect(chosen.textContent).toContain('2 KB');
    await user.click(within(chosen).getByRole('button', { name: 'Remove c.txt' }));
    expect(within(chosen).getAllByRole('listitem')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Send report' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Report sent' })).toBeTruthy();
    const section = screen.getByRole('region', { name: 'Your files' });
    await within(section).findByText('1 of 2 files uploaded; 1 did not upload.');
    const items = within(section).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('Uploaded');
    expect(items[1]!.textContent).toContain('Not uploaded: A file may be at most 20 MB.');
    expect(section.textContent).toContain('Your report is safe.');

    const uploads = calls.filter((x) => x.key.startsWith('POST /api/reports/r-1/evidence'));
    expect(uploads.map((x) => x.key)).toEqual([
      'POST /api/reports/r-1/evidence?name=a.png',
      'POST /api/reports/r-1/evidence?name=b%20notes.pdf',
    ]);
    expect(uploads[0]!.body).toBe(a);
    expect(uploads[0]!.contentType).toBe('image/png');
    // The report went first, the files after it.
    expect(calls.findIndex((x) => x.key === POST)).toBeLessThan(
      calls.findIndex((x) => x.key.includes('/evidence')),
    );

    await user.click(within(section).getByRole('button', { name: 'Try again' }));
    await within(section).findByText('2 of 2 files uploaded.');
    expect(
      calls.filter((x) => x.key.startsWith('POST /api/reports/r-1/evidence?name=a.png')),
    ).toHaveLength(1);
  });

  it('sends the files of an anonymous report through its link, in the header only', async () => {
    fakeApi({
      ...signedOut,
      ...theEvent({ reportIntake: 'anonymous' }),
      [POST]: { status: 201, body: submitted({ anonymous: true }, 'tok-anon') },
      'POST /api/follow-up/evidence?name=a.png': { status: 201, body: { evidence: {} } },
    });
    const user = userEvent.setup();
    renderAt(PAGE);
    await fillIn(user);
    await user.upload(
      document.querySelector<HTMLInputElement>('input[name="photo"]')!,
      new File(['png'], 'a.png', { type: 'image/png' }),
    );
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    await screen.findByText('1 of 1 file uploaded.');
    const fetchCalls = vi.mocked(fetch).mock.calls;
    const upload = fetchCalls.find(([url]) => String(url).includes('/evidence'))!;
    expect(upload[0]).toBe('/api/follow-up/evidence?name=a.png');
    expect((upload[1]!.headers as Record<string, string>)['x-follow-up-token']).toBe('tok-anon');
    expect(fetchCalls.every(([url]) => !String(url).includes('tok-anon'))).toBe(true);
  });
});
