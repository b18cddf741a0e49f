import { Alert, MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppLayout } from './components/app-layout';
import { AccountPage } from './routes/account';
import { OutboxPage } from './routes/admin-outbox';
import { SystemSettingsPage } from './routes/admin-settings';
import { UsersPage } from './routes/admin-users';
import { EventAuditPage, OrganizationAuditPage, SystemAuditPage } from './routes/audit';
import { ApprovalsPage } from './routes/approvals';
import { ChapterPage } from './routes/chapter';
import { EventPage } from './routes/event';
import { EventAttendeesPage } from './routes/event-attendees';
import { CheckinPage } from './routes/event-checkin';
import { CheckinSessionPage } from './routes/event-checkin-session';
import { NewEventPage } from './routes/event-new';
import { EventSettingsPage } from './routes/event-settings';
import { ForgotPasswordPage } from './routes/forgot-password';
import { HomePage } from './routes/home';
import { InvitationPage } from './routes/invitation';
import { JoinPage } from './routes/join';
import { LocationPage } from './routes/location';
import { LocationsPage } from './routes/locations';
import { NotFoundPage } from './routes/not-found';
import { NotificationsPage } from './routes/notifications';
import { OrganizationPage } from './routes/organization';
import { NewOrganizationPage } from './routes/organization-new';
import { OrganizationSettingsPage } from './routes/organization-settings';
import { OrganizationsPage } from './routes/organizations';
import { PublicEventPage } from './routes/public-event';
import { RegionPage } from './routes/region';
import { RegionsPage } from './routes/regions';
import { ReportIncidentPage } from './routes/public-event-report';
import { FollowUpPage } from './routes/follow-up';
import { MyReportsPage } from './routes/my-reports';
import { MyRsvpsPage } from './routes/my-rsvps';
import { ReportPage } from './routes/report';
import { ReportQueuePage } from './routes/reports-queue';
import { ResponderDashboardPage } from './routes/responder-dashboard';
import { ResetPasswordPage } from './routes/reset-password';
import { RsvpCancelPage } from './routes/rsvp-cancel';
import { SetupPage } from './routes/setup';
import { SignInPage } from './routes/sign-in';
import { SignUpPage } from './routes/sign-up';
import { TeamPage } from './routes/team';
import { TwoFactorPage } from './routes/two-factor';
import { UpcomingEventsPage } from './routes/upcoming-events';
import { VerifyEmailPage } from './routes/verify-email';

const theme = createTheme({
  primaryColor: 'blue',
  // Darker shades keep text on filled buttons and links at WCAG AA contrast.
  primaryShade: 8,
  components: {
    // Light alert titles in their own color fall below AA contrast (yellow most of all); the
    // color of the alert's background and icon carries the meaning.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
  },
});

// Mantine's default dimmed gray (descriptions, hints) and error red are below AA contrast on white.
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    // Blue-9 text on the default hover (blue-2) is below AA: a hovered current-page link or light
    // button would fail. A lighter hover keeps the text readable and still shows the pointer.
    '--mantine-primary-color-light-hover': 'var(--mantine-color-blue-0)',
    '--mantine-color-blue-light-hover': 'var(--mantine-color-blue-0)',
  },
  dark: {},
});

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sign-up', element: <SignUpPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'setup', element: <SetupPage /> },
      { path: 'invitations', element: <InvitationPage /> },
      { path: 'join', element: <JoinPage /> },
      { path: 'orgs/:orgId/events/new', element: <NewEventPage /> },
      { path: 'events/:eventId', element: <EventPage /> },
      { path: 'events/:eventId/settings', element: <EventSettingsPage /> },
      { path: 'events/:eventId/team', element: <TeamPage kind="event" /> },
      { path: 'events/:eventId/attendees', element: <EventAttendeesPage /> },
      { path: 'events/:eventId/check-in', element: <CheckinPage /> },
      { path: 'events/:eventId/check-in/:sessionId', element: <CheckinSessionPage /> },
      { path: 'e/:slug', element: <PublicEventPage /> },
      { path: 'e/:slug/report', element: <ReportIncidentPage /> },
      { path: 'upcoming', element: <UpcomingEventsPage /> },
      { path: 'rsvps', element: <MyRsvpsPage /> },
      { path: 'rsvp/cancel', element: <RsvpCancelPage /> },
      { path: 'events/:eventId/reports', element: <ReportQueuePage /> },
      { path: 'reports', element: <ResponderDashboardPage /> },
      { path: 'reports/mine', element: <MyReportsPage /> },
      { path: 'reports/:reportId', element: <ReportPage /> },
      { path: 'follow-up', element: <FollowUpPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'account/two-factor', element: <TwoFactorPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'admin/outbox', element: <OutboxPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/settings', element: <SystemSettingsPage /> },
      { path: 'admin/audit', element: <SystemAuditPage /> },
      { path: 'events/:eventId/audit', element: <EventAuditPage /> },
      { path: 'orgs/:orgId/audit', element: <OrganizationAuditPage /> },
      { path: 'orgs', element: <OrganizationsPage /> },
      { path: 'orgs/new', element: <NewOrganizationPage /> },
      { path: 'orgs/:orgId', element: <OrganizationPage /> },
      { path: 'orgs/:orgId/settings', element: <OrganizationSettingsPage /> },
      { path: 'orgs/:orgId/team', element: <TeamPage kind="organization" /> },
      { path: 'chapters/:chapterId', element: <ChapterPage /> },
      { path: 'approvals', element: <ApprovalsPage /> },
      { path: 'regions', element: <RegionsPage /> },
      { path: 'regions/:regionId', element: <RegionPage /> },
      { path: 'locations', element: <LocationsPage /> },
      { path: 'locations/:locationId', element: <LocationPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** Everything a page needs around it: theme, server state, and (given) a router. */
export function Providers({
  children,
  queryClient,
}: {
  children: ReactNode;
  queryClient: QueryClient;
}) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariables}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}

export function App() {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
  });
  const router = createBrowserRouter(routes);
  return (
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  );
}
