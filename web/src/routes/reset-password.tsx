import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client';
import { forgetSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { formErrors } from '../components/form-errors';
import { Page } from '../components/page';
import { useLinkToken } from '../features/auth/use-link-token';

/** Where the emailed reset link leads: choose a new password. Every session ends. */
export function ResetPasswordPage() {
  const token = useLinkToken();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () =>
      api<void>('/api/auth/password/reset', { method: 'POST', body: { token, password } }),
    onSuccess: () => forgetSession(queryClient),
  });
  const { fieldError, showAlert } = formErrors(reset.error, ['password']);

  if (!token) {
    return (
      <Page title="Choose a new password">
        <Text>This page needs the link from the password reset email.</Text>
        <Anchor component={Link} to="/forgot-password">
          Ask for a reset link
        </Anchor>
      </Page>
    );
  }
  if (reset.isSuccess) {
    return (
      <Page title="Your password is changed">
        <Alert color="green" title="Done" role="status">
          Use your new password from now on. For your safety, you were signed out everywhere.
        </Alert>
        <div>
          <Button component={Link} to="/sign-in">
            Sign in
          </Button>
        </div>
      </Page>
    );
  }
  if (reset.error instanceof ApiError && reset.error.code === 'token_invalid') {
    return (
      <Page title="This link does not work">
        <Alert color="red" title="The link has expired or was already used">
          Reset links work once, for a short while. Ask for a new one.
        </Alert>
        <div>
          <Button component={Link} to="/forgot-password">
            Ask for a new link
          </Button>
        </div>
      </Page>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate();
  };
  return (
    <Page title="Choose a new password">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {showAlert ? (
            <ErrorAlert error={reset.error} title="Your password was not changed" />
          ) : null}
          <PasswordInput
            label="New password"
            description="At least 12 characters, and not a common password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError('password')}
          />
          <Button type="submit" loading={reset.isPending}>
            Change password
          </Button>
        </Stack>
      </form>
    </Page>
  );
}
