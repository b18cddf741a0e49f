import { useState } from 'react';
import { Anchor, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { forgetPersonalData, sessionKey, useSession, useSignUpMode } from '../api/session';
import { Page } from '../components/page';
import { useNextPath, withNext } from '../features/auth/next-path';
import { SignInForm } from '../features/auth/sign-in-form';
import { TwoFactorStep } from '../features/auth/two-factor-step';
import { Loading } from '../components/loading';

/**
 * Sign in: email and password, then (for accounts with two-factor) a code. Afterwards to the
 * page named by `?next=` (a path of this app only), or home.
 */
export function SignInPage() {
  const session = useSession();
  const signUp = useSignUpMode();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const email = (useLocation().state as { email?: string } | null)?.email ?? '';
  const [step, setStep] = useState<'password' | 'two_factor'>('password');
  const next = useNextPath();

  if (session.isPending) return <Loading label="Loading" />;
  if (session.data) return <Navigate to={next ?? '/'} replace />;
  const signedIn = async () => {
    // What was cached signed out (or for someone else on this device) is not this person's.
    forgetPersonalData(queryClient);
    await queryClient.invalidateQueries({ queryKey: sessionKey });
    await navigate(next ?? '/');
  };
  if (step === 'two_factor') {
    return (
      <Page title="Sign in" heading="Enter your two-factor code">
        <TwoFactorStep onSignedIn={signedIn} onStartOver={() => setStep('password')} />
      </Page>
    );
  }
  return (
    <Page title="Sign in">
      <SignInForm
        initialEmail={email}
        onSignedIn={signedIn}
        onTwoFactor={() => setStep('two_factor')}
      />
      <Group gap="lg">
        <Anchor component={Link} to="/forgot-password">
          Forgot your password?
        </Anchor>
        {signUp.data === 'open' ? (
          <Text>
            New here?{' '}
            <Anchor component={Link} to={withNext('/sign-up', next)}>
              Create an account
            </Anchor>
          </Text>
        ) : null}
      </Group>
    </Page>
  );
}
