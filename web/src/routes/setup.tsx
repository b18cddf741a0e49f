import { Alert, Anchor, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import { sessionKey, setupStatusKey } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { SetupForm } from '../features/setup/setup-form';
import { useLinkToken } from '../features/auth/use-link-token';
import { Loading } from '../components/loading';

/** Where the operator's one-time setup link leads: create the first system admin. */
export function SetupPage() {
  const token = useLinkToken();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const check = useQuery({
    queryKey: ['setup-check', token],
    queryFn: () => api<{ valid: true }>('/api/setup/check', { method: 'POST', body: { token } }),
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
  });

  return (
    <Page title="Set up Steward">
      <SetupState
        token={token}
        check={check}
        onDone={async () => {
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: sessionKey }),
            queryClient.invalidateQueries({ queryKey: setupStatusKey }),
          ]);
          await navigate('/', { state: { setupDone: true } });
        }}
      />
    </Page>
  );
}

function SetupState({
  token,
  check,
  onDone,
}: {
  token: string | null;
  check: { isPending: boolean; error: unknown };
  onDone: () => void;
}) {
  if (!token) {
    return (
      <Alert color="yellow" title="A setup link is needed">
        This page needs the one-time setup link printed in the server log when Steward starts.
      </Alert>
    );
  }
  if (check.isPending) return <Loading label="Checking the setup link" />;
  const code = check.error instanceof ApiError ? check.error.code : null;
  if (code === 'setup_already_done') {
    return (
      <Alert color="blue" title="Steward is already set up">
        <Text size="sm">
          The first admin account exists, so setup links no longer work.{' '}
          <Anchor component={Link} to="/sign-in" size="sm">
            Sign in
          </Anchor>
        </Text>
      </Alert>
    );
  }
  if (code === 'setup_token_invalid') {
    return (
      <Alert color="red" title="This setup link does not work">
        This setup link is not valid. Copy the newest link from the server log, completely.
      </Alert>
    );
  }
  if (check.error) return <ErrorAlert error={check.error} />;
  return (
    <>
      <Text>
        Create the first system admin account. System admins run the platform; they see no incident
        reports unless an event gives them a role.
      </Text>
      <SetupForm token={token} onDone={onDone} />
    </>
  );
}
