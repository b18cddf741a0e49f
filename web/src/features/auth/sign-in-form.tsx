import { useState, type FormEvent } from 'react';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';

interface SignedIn {
  user: { id: string; name: string; email: string };
}

/** Email and password; field errors from the server appear next to their fields. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () =>
      api<SignedIn>('/api/auth/sign-in', { method: 'POST', body: { email, password } }),
    onSuccess: onSignedIn,
  });
  const error = signIn.error instanceof ApiError ? signIn.error : null;
  const fieldErrors = error?.code === 'validation_failed';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {signIn.isError && !fieldErrors ? (
          <ErrorAlert error={signIn.error} title="You are not signed in" />
        ) : null}
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={error?.fieldError('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={error?.fieldError('password')}
        />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
