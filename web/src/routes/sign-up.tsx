import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import { sessionKey, useSession, useSignUpMode } from '../api/session';
import { forgetInvitationToken } from '../features/invitations/invitation-token';
import { ErrorAlert } from '../components/error-alert';
import { formErrors } from '../components/form-errors';
import { Page } from '../components/page';
import { useNextPath, withNext } from '../features/auth/next-path';
import { ResendVerification } from '../features/auth/resend-verification';
import { Loading } from '../components/loading';

const fields = ['name', 'email', 'password'] as const;
type Fields = Record<(typeof fields)[number], string>;

/**
 * Create an account; the server emails a link to confirm the address. A `?next=` path is carried
 * on to sign-in, so an invited person comes back to their invitation.
 */
export function SignUpPage() {
  const session = useSession();
  const next = useNextPath();
  const signInPath = withNext('/sign-in', next);
  const mode = useSignUpMode();
  // An invitation page passes the invited address along, and the invitation itself: signing up
  // with it confirms the address, accepts the invitation and signs the person in at once.
  // An invite link's token lets a newcomer sign up where only invited people may.
  const invited = useLocation().state as {
    email?: string;
    invitation?: string;
    inviteLink?: string;
  } | null;
  const invitation = invited?.invitation;
  const inviteLink = invited?.inviteLink;
  const [values, setValues] = useState<Fields>({
    name: '',
    email: invited?.email ?? '',
    password: '',
  });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signUp = useMutation({
    mutationFn: (body: Fields) =>
      api<{ status: 'accepted' } | { status: 'joined'; next: string }>('/api/auth/sign-up', {
        method: 'POST',
        body: invitation ? { ...body, invitation } : inviteLink ? { ...body, inviteLink } : body,
      }),
    onSuccess: async (answer) => {
      if (answer.status !== 'joined') return;
      forgetInvitationToken();
      // Signed in now: the app reads the session again.
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      await navigate(answer.next, { replace: true });
    },
  });
  const { fieldError, showAlert } = formErrors(signUp.error, fields);

  if (session.isPending) return <Loading label="Loading" />;
  if (session.data && !signUp.isSuccess) return <Navigate to={next ?? '/'} replace />;

  if (signUp.isSuccess && signUp.data.status === 'accepted') {
    return (
      <Page title="Check your email">
        <Text>
          We have sent a link to <strong>{signUp.variables.email}</strong>. Open it to confirm your
          address, then sign in.
        </Text>
        <Text size="sm" c="dimmed">
          Nothing there after a few minutes? Check your spam folder, or ask for another link.
        </Text>
        <ResendVerification initialEmail={signUp.variables.email} />
        <Anchor component={Link} to={signInPath}>
          Go to sign-in
        </Anchor>
      </Page>
    );
  }

  const closed =
    (mode.data === 'invite_only' && !invitation && !inviteLink) ||
    (signUp.error instanceof ApiError && signUp.error.code === 'signup_closed');
  if (closed) {
    return (
      <Page title="Create an account">
        <Alert color="blue" title="Accounts are by invitation">
          This Steward creates accounts by invitation only. Ask an organizer for an invitation.
        </Alert>
        <Anchor component={Link} to={signInPath}>
          Sign in with an existing account
        </Anchor>
      </Page>
    );
  }

  const set = (field: keyof Fields) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate(values);
  };

  return (
    <Page title="Create an account">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {showAlert ? (
            <ErrorAlert error={signUp.error} title="The account was not created" />
          ) : null}
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            value={values.name}
            onChange={set('name')}
            error={fieldError('name')}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={values.email}
            onChange={set('email')}
            error={fieldError('email')}
          />
          <PasswordInput
            label="Password"
            description="At least 12 characters, and not a common password"
            autoComplete="new-password"
            required
            value={values.password}
            onChange={set('password')}
            error={fieldError('password')}
          />
          <Button type="submit" loading={signUp.isPending}>
            Create account
          </Button>
        </Stack>
      </form>
      <Text>
        Already have an account?{' '}
        <Anchor component={Link} to={signInPath}>
          Sign in
        </Anchor>
      </Text>
    </Page>
  );
}
