import {
  Anchor,
  AppShell,
  Avatar,
  Burger,
  Button,
  Group,
  NavLink,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useEffect } from 'react';
import { useApprovalsInMenu } from '../api/approvals';
import { useSession, useSignOut } from '../api/session';
import classes from './app-layout.module.css';
import { EventSwitcher } from './event-switcher';
import { NotificationBell } from '../features/notifications/notification-bell';

const links = [
  { label: 'Home', to: '/', router: true },
  { label: 'Upcoming events', to: '/upcoming', router: true },
  { label: 'API docs', to: '/api/docs', router: false },
];

const signedInLinks = [
  { label: 'Reports', to: '/reports', router: true },
  { label: 'My reports', to: '/reports/mine', router: true },
  { label: 'My RSVPs', to: '/rsvps', router: true },
  { label: 'Organizations', to: '/orgs', router: true },
  { label: 'Places', to: '/regions', router: true },
  { label: 'Account', to: '/account', router: true },
];

const approvalLinks = [{ label: 'Approvals', to: '/approvals', router: true }];

const TWO_FACTOR_PATH = '/account/two-factor';

// Shown to system admins only; the server refuses everyone else whatever the menu shows.
const systemAdminLinks = [
  { label: 'Users', to: '/admin/users', router: true },
  { label: 'System settings', to: '/admin/settings', router: true },
  { label: 'Email outbox', to: '/admin/outbox', router: true },
  { label: 'Audit log', to: '/admin/audit', router: true },
];

/** The shell of every page: skip link, header, main navigation (behind a menu on phones). */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  useEffect(close, [location.pathname, close]);
  const session = useSession();
  const isSystemAdmin = session.data?.systemRoles.includes('system_admin') ?? false;
  const showApprovals = useApprovalsInMenu(session.data);
  const navLinks = [
    ...links,
    ...(session.data ? signedInLinks : []),
    ...(showApprovals ? approvalLinks : []),
    ...(isSystemAdmin ? systemAdminLinks : []),
  ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className={classes.skipLink}>
        Skip to main content
      </a>
      <AppShell.Header>
        {/* Narrower padding and gaps on phones: the burger, name, events, bell and sign-out fit 360 px. */}
        <Group
          h="100%"
          px={{ base: 'xs', xs: 'md' }}
          gap="xs"
          justify="space-between"
          wrap="nowrap"
        >
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Anchor component={Link} to="/" fw={700} fz="lg" c="inherit" underline="never">
              Steward
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            {session.data ? <EventSwitcher /> : null}
            {session.data ? <NotificationBell userId={session.data.id} /> : null}
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="main-navigation">
        <nav aria-label="Main">
          {navLinks.map((link) =>
            link.router ? (
              <NavLink
                key={link.to}
                component={Link}
                to={link.to}
                label={link.label}
                active={location.pathname === link.to}
                aria-current={location.pathname === link.to ? 'page' : undefined}
              />
            ) : (
              <NavLink key={link.to} component="a" href={link.to} label={link.label} />
            ),
          )}
        </nav>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        {session.data?.mfaSetupRequired && location.pathname !== TWO_FACTOR_PATH ? (
          // An admin role that needs two-factor: nothing else until it is set up (the server
          // refuses admin actions meanwhile). Signing out stays in the header.
          <Navigate to={TWO_FACTOR_PATH} replace />
        ) : (
          <Outlet />
        )}
      </AppShell.Main>
    </AppShell>
  );
}

function AccountMenu() {
  const session = useSession();
  const navigate = useNavigate();
  const signOut = useSignOut(() => navigate('/'));

  if (session.isPending) return <VisuallyHidden>Loading your session</VisuallyHidden>;
  const user = session.data;
  if (!user) {
    return (
      <Button component={Link} to="/sign-in" variant="light" size="sm">
        Sign in
      </Button>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap" miw={0}>
      {/* Beside the name, which says the same: hidden from assistive technology. */}
      <Avatar
        visibleFrom="xs"
        src={user.image ?? null}
        alt=""
        aria-hidden
        name={user.name}
        color="blue.8"
        variant="filled"
        size={32}
      />
      <Text size="sm" truncate="end" visibleFrom="xs" maw={180}>
        {user.name}
      </Text>
      <Button
        variant="default"
        size="sm"
        onClick={() => signOut.mutate()}
        loading={signOut.isPending}
      >
        Sign out
      </Button>
    </Group>
  );
}
