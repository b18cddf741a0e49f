import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { forgetSession, useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { Section } from '../components/section';
import { DeleteAccount } from '../features/account/delete-account';
import { EmailForm } from '../features/account/email-form';
import { PasswordForm } from '../features/account/password-form';
import { ProfileForm } from '../features/account/profile-form';
import { ProfilePicture } from '../features/account/profile-picture';
import { NotificationPreferences } from '../features/notifications/notification-preferences';
import { Loading } from '../components/loading';

/** The signed-in person's own account: profile, sign-in, sessions, their data. */
export function AccountPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const everywhere = useMutation({
    mutationFn: () => api<void>('/api/auth/sign-out-everywhere', { method: 'POST' }),
    onSuccess: async () => {
      await forgetSession(queryClient);
      await navigate('/sign-in');
    },
  });

  if (session.isPending) return <Loading label="Loading" />;
  const user = session.data;
  if (!user) {
    return (
      <Page title="Your account">
        <Text>
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>{' '}
          to see your account.
        </Text>
      </Page>
    );
  }

  return (
    <Page title="Your account">
      <Section title="Profile">
        <ProfileForm key={user.id} user={user} />
      </Section>
      <Section title="Profile picture">
        <ProfilePicture user={user} />
      </Section>
      <Section title="Password">
        <PasswordForm />
      </Section>
      <Section title="Email address">
        <EmailForm current={user.email} />
      </Section>
      <Section title="Notifications">
        <NotificationPreferences />
      </Section>
      <Section title="Two-factor authentication">
        <Group gap="sm">
          <Text>Two-factor authentication is</Text>
          <Badge variant={user.twoFactorEnabled ? 'filled' : 'default'} color="green.9">
            {user.twoFactorEnabled ? 'On' : 'Off'}
          </Badge>
        </Group>
        <Text size="sm">
          A code from an authenticator app on your phone, asked for when you sign in, keeps your
          account safe even if someone learns your password.
        </Text>
        <div>
          <Button component={Link} to="/account/two-factor" variant="light">
            {user.twoFactorEnabled ? 'Manage two-factor' : 'Set up two-factor'}
          </Button>
        </div>
      </Section>
      <Section title="Sessions">
        <Text size="sm">
          Signed in on a shared or lost device? Sign out everywhere, this browser included.
        </Text>
        {everywhere.isError ? (
          <ErrorAlert error={everywhere.error} title="You are still signed in" />
        ) : null}
        <div>
          <Button
            variant="default"
            onClick={() => everywhere.mutate()}
            loading={everywhere.isPending}
          >
            Sign out everywhere
          </Button>
        </div>
      </Section>
      <Section title="Your data">
        <Text size="sm">Everything Steward keeps about you, as a JSON file.</Text>
        <div>
          <Button
            component="a"
            href="/api/account/export"
            download="steward-my-data.json"
            variant="default"
          >
            Download my data
          </Button>
        </div>
      </Section>
      <Section title="Delete account" danger>
        <DeleteAccount
          onDeleted={async () => {
            await forgetSession(queryClient);
            await navigate('/', { state: { accountDeleted: true } });
          }}
        />
      </Section>
    </Page>
  );
}
