import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OrganizationSummary } from '../api/organizations';
import { fakeApi, renderAt } from '../test/render';
import { member, pageOf, signedInRoutes, sysAdmin } from '../test/fixtures';

const rust: OrganizationSummary = {
  id: 'org-1',
  name: 'Rust Community',
  slug: 'rust-community',
  logoUrl: null,
  myRoles: ['org_admin'],
};
const python: OrganizationSummary = {
  id: 'org-2',
  name: 'Python Society',
  slug: 'python-society',
  logoUrl: '/api/organizations/org-2/logo?v=1',
  myRoles: [],
};

describe('the organizations page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the organizations one may view, searchable, each linking to its page', async () => {
    const calls = fakeApi({
      ...signedInRoutes(member),
      'GET /api/organizations?page=1': { status: 200, body: pageOf([python, rust]) },
      'GET /api/organizations?page=1&q=rust': { status: 200, body: pageOf([rust]) },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/orgs');
    expect(await screen.findByRole('heading', { level: 1, name: 'Organizations' })).toBeTruthy();
    expect(await screen.findByText('2 organizations, by name.')).toBeTruthy();
    const list = screen.getByRole('list');
    expect(within(list).getByRole('link', { name: 'Rust Community' }).getAttribute('href')).toBe(
      '/orgs/org-1',
    );
    expect(within(list).getByText('Organization admin')).toBeTruthy();
    // Only system admins create organizations.
    expect(screen.queryByRole('link', { name: 'New organization' })).toBeNull();

    await user.type(screen.getByRole('searchbox', { name: 'Search by name' }), 'rust');
    expect(await screen.findByText('1 organization matching “rust”, by name.')).toBeTruthy();
    expect(router.state.location.search).toBe('?q=rust');
    expect(calls.some((c) => c.key === 'GET /api/organizations?page=1&q=rust')).toBe(true);
  });

  it('pages through many organizations', async () => {
    fakeApi({
      ...signedInRoutes(member),
      'GET /api/organizations?page=1': { status: 200, body: pageOf([rust], 30) },
      'GET /api/organizations?page=2': { status: 200, body: pageOf([python], 30, 2) },
    });
    const user = userEvent.setup();
    const { router } = renderAt('/orgs');
    expect(await screen.findByText('Page 1 of 2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'Python Society' })).toBeTruthy();
    expect(router.state.location.search).toBe('?page=2');
  });

  it('says so kindly when there is none, and offers system admins a new one', async () => {
    fakeApi({
      ...signedInRoutes(sysAdmin),
      'GET /api/organizations?page=1': { status: 200, body: pageOf([]) },
    });
    renderAt('/orgs');
    expect(await screen.findByText(/not part of any organization yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New organization' }).getAttribute('href')).toBe(
      '/orgs/new',
    );
  });

  it('asks a visitor to sign in', async () => {
    fakeApi({ 'GET /api/auth/session': { status: 200, body: { user: null } } });
    renderAt('/orgs');
    expect(await screen.findByText(/to see this page/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Organizations' })).toBeNull();
  });
});
