import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeApi, renderAt } from '../test/render';
import { anOrganization, member, signedInRoutes } from '../test/fixtures';

const org = anOrganization();

describe('the organization settings page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('saves changed details only, and shows a taken slug at the slug', async () => {
    let answer = 0;
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/organizations/org-1': { status: 200, body: { organization: org } },
      'PATCH /api/organizations/org-1': (body) =>
        answer++ === 0
          ? { status: 409, body: apiError('slug_taken', 'Another organization uses this slug.') }
          : {
              status: 200,
              body: { organization: { ...org, ...(body as object), website: null } },
            },
    });
    const user = userEvent.setup();
    renderAt('/orgs/org-1/settings');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Settings of Rust Community' }),
    ).toBeTruthy();
    const details = screen.getByRole('form', { name: 'Details' });
    const save = within(details).getByRole('button', { name: 'Save details' });
    expect(save.hasAttribute('disabled')).toBe(true);
    const slug = within(details).getByRole('textbox', { name: /Slug/ });
    await user.clear(slug);
    await user.type(slug, 'rust');
    await user.click(save);
    expect(await within(details).findByText('Another organization uses this slug.')).toBeTruthy();
    expect(slug.getAttribute('aria-invalid')).toBe('true');

    await user.clear(slug);
    await user.type(slug, 'rust-de');
    await user.clear(within(details).getByRole('textbox', { name: 'Website' }));
    await user.click(save);
    expect(await within(details).findByText('Saved.')).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({ slug: 'rust-de', website: null });
  });

  it('explains each policy and saves the one changed', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/organizations/org-1': { status: 200, body: { organization: org } },
      'PATCH /api/organizations/org-1': {
        status: 400,
        body: apiError('validation_failed', 'Check the form.', [
          { field: 'body.settings.eventCreation', message: 'Choose one of the options' },
        ]),
      },
    });
    const user = userEvent.setup();
    renderAt('/orgs/org-1/settings');
    const policies = await screen.findByRole('form', { name: 'Policies' });
    expect(within(policies).getByText('Who may create events.')).toBeTruthy();
    expect(
      within(policies).getByText(/Whether leaders see incident reports\. On by default\./),
    ).toBeTruthy();
    expect(
      within(policies).getByRole('radio', { name: /Organization admins.*\(default\)/ }),
    ).toBeTruthy();
    await user.click(within(policies).getByRole('radio', { name: /Also anyone signed in/ }));
    await user.click(
      within(policies).getByRole('switch', { name: /Leaders see incident reports/ }),
    );
    await user.click(within(policies).getByRole('button', { name: 'Save policies' }));
    expect(await within(policies).findByText('Choose one of the options')).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({
      settings: { eventCreation: 'anyone', leadersSeeIncidents: false },
    });
  });

  it('uploads a logo as the body, refuses what the server would, and removes it', async () => {
    const withLogo = { ...org, logoUrl: '/api/organizations/org-1/logo?v=2' };
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/organizations/org-1': { status: 200, body: { organization: org } },
      'PUT /api/organizations/org-1/logo': { status: 200, body: { organization: withLogo } },
      'DELETE /api/organizations/org-1/logo': { status: 200, body: { organization: org } },
    });
    const user = userEvent.setup({ applyAccept: false });
    const { container } = renderAt('/orgs/org-1/settings');
    const logo = await screen.findByRole('region', { name: 'Logo' });
    const input = () =>
      container.ownerDocument.querySelector('input[type=file]') as HTMLInputElement;

    await user.upload(input(), new File(['x'], 'notes.txt', { type: 'text/plain' }));
    expect(await within(logo).findByText('Use a PNG, JPEG, WebP or GIF image.')).toBeTruthy();
    const big = new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'big.png', { type: 'image/png' });
    await user.upload(input(), big);
    expect(await within(logo).findByText('A logo may be at most 2 MB.')).toBeTruthy();
    expect(calls.some((c) => c.key.startsWith('PUT'))).toBe(false);

    const png = new File(['png'], 'logo.png', { type: 'image/png' });
    await user.upload(input(), png);
    expect(await within(logo).findByText('Logo saved.')).toBeTruthy();
    const put = calls.find((c) => c.key === 'PUT /api/organizations/org-1/logo');
    expect(put?.contentType).toBe('image/png');
    expect(put?.body).toBe(png);
    expect(within(logo).getByRole('img', { name: 'The logo of Rust Community' })).toBeTruthy();

    await user.click(within(logo).getByRole('button', { name: 'Remove logo' }));
    expect(await within(logo).findByText('Logo removed.')).toBeTruthy();
    await waitFor(() => expect(within(logo).queryByRole('img')).toBeNull());
  });

  it('tells someone who may only view that admins change the settings', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/organizations/org-1': {
        status: 200,
        body: { organization: { ...org, can: { ...org.can, update: false } } },
      },
    });
    renderAt('/orgs/org-1/settings');
    expect(
      await screen.findByText(/Only the organization’s admins|Only the organization's admins/),
    ).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Details' })).toBeNull();
  });

  it('is not found when the server says so', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/organizations/org-1': { status: 404, body: apiError('not_found', 'Not found') },
    });
    renderAt('/orgs/org-1/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
