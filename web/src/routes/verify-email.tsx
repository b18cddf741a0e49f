import { useEffect } from 'react';
import { Alert, Anchor, Button, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client';
import { sessionKey, useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { ResendVerification } from '../features/auth/resend-verification';
import { useLinkToken } from '../features/auth/use-link-token';
import { Loading } from '../components/loading';

interface Verified {
  status: 'verified';
  email: string;
}

/** Where the emailed confirmation link leads: confirms the address as soon as it opens. */
export function VerifyEmailPage() {
  const token = useLinkToken();
  const session = useSession();
  const queryClient = useQueryClient();
  // A query, not a mutation: it runs once per token however often the page renders, and the
  // token works only once.
  const verify = useQuery({
    queryKey: ['verify-email', token],
    queryFn: () => api<Verified>('/api/auth/verify-email', { method: 'POST', body: { token } }),
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const verified = verify.isSuccess;
  useEffect(() => {
    // A changed address shows at once in the account of whoever is signed in.
    if (verified) void queryClient.invalidateQueries({ queryKey: sessionKey });
  }, [verified, queryClient]);

  if (!token) {
    return (
      <Page title="Confirm your email address">
        <Text>
          This page needs the link from the confirmation email. Open the link in the email, or ask
          for a new one.
        </Text>
        <ResendVerification />
      </Page>
    );
  }
  if (verify.isPending) {
    return (
      <Page title="Confirm your email address">
        <Loading label="Confirming your email address" />
      </Page>
    );
  }
  if (verify.isSuccess) {
    const signedIn = Boolean(session.data);
    return (
      <Page title="Email address confirmed">
        <Alert color="green" title="Thank you" role="status">
          <strong>{verify.data.email}</strong> is confirmed.
        </Alert>
        <div>
          {signedIn ? (
            <Button component={Link} to="/account">
              Go to your account
            </Button>
          ) : (
            <Button component={Link} to="/sign-in" state={{ email: verify.data.email }}>
              Sign in
            </Button>
          )}
        </div>
      </Page>
    );
  }
  const invalid = verify.error instanceof ApiError && verify.error.code === 'token_invalid';
  return (
    <Page title="This link does not work">
      {invalid ? (
        <Alert color="red" title="The link has expired or was already used">
          Links work once and expire after a while. Enter your email address to get a new one. If
          you were changing your address, ask for the change again from your{' '}
          <Anchor component={Link} to="/account" c="inherit" underline="always">
            account
          </Anchor>
          .
        </Alert>
      ) : (
        <ErrorAlert error={verify.error} title="Your email address was not confirmed" />
      )}
      <ResendVerification />
    </Page>
  );
}
