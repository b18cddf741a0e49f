import { useState, type FormEvent } from 'react';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';

type SignInAnswer =
  | { status: 'signed_in'; user: { id: string; name: string; email: string } }
  | { status: 'two_factor_required' };

/**
 * Email and password; field errors from the server appear next to their fields. An account with
 * two-factor answers `two_factor_required`, and the page asks for the code next.
 */
export function SignInForm({
  onSignedIn,
  onTwoFactor,
  initialEmail = '',
}: {
  onSignedIn: () => void;
  onTwoFactor: () => void;
  initialEmail?: string;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () =>
      api<SignInAnswer>('/api/auth/sign-in', { method: 'POST', body: { email, password } }),
    onSuccess: (answer) => (answer.status === 'two_factor_required' ? onTwoFactor() : onSignedIn()),
  });
  const { fieldError, showAlert } = formErrors(signIn.error, ['email', 'password']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {showAlert ? <ErrorAlert error={signIn.error} title="You are not signed in" /> : null}
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError('password')}
        />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
