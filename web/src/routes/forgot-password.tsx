import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { ErrorAlert } from '../components/error-alert';
import { formErrors } from '../components/form-errors';
import { Page } from '../components/page';

/** Asks for a password reset link. The answer is the same whether or not the address has one. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const forgot = useMutation({
    mutationFn: (address: string) =>
      api<unknown>('/api/auth/password/forgot', { method: 'POST', body: { email: address } }),
  });
  const { fieldError, showAlert } = formErrors(forgot.error, ['email']);

  if (forgot.isSuccess) {
    return (
      <Page title="Check your email">
        <Alert color="green" title="A link is on its way" role="status">
          If {forgot.variables} belongs to an account, we have sent it a link to choose a new
          password. The link works once.
        </Alert>
        <Anchor component={Link} to="/sign-in">
          Back to sign-in
        </Anchor>
      </Page>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    forgot.mutate(email);
  };
  return (
    <Page title="Reset your password">
      <Text>
        Enter the email address of your account, and we will send you a link to choose a new
        password.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {showAlert ? <ErrorAlert error={forgot.error} title="No link was sent" /> : null}
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError('email')}
          />
          <Button type="submit" loading={forgot.isPending}>
            Send the link
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/sign-in">
        Back to sign-in
      </Anchor>
    </Page>
  );
}
