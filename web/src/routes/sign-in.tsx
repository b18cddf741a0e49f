import { Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router';
import { sessionKey, useSession } from '../api/session';
import { Page } from '../components/page';
import { SignInForm } from '../features/auth/sign-in-form';

export function SignInPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  if (session.isPending) return <Loader aria-label="Loading" />;
  if (session.data) return <Navigate to="/" replace />;
  return (
    <Page title="Sign in">
      <SignInForm
        onSignedIn={async () => {
          await queryClient.invalidateQueries({ queryKey: sessionKey });
          await navigate('/');
        }}
      />
    </Page>
  );
}
