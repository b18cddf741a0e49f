import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';

/**
 * Asks for a new confirmation link. The server answers the same whatever the address, so the
 * page cannot say whether it has an account; it says where to look.
 */
export function ResendVerification({
  initialEmail = '',
  label = 'Send a new link',
}: {
  initialEmail?: string;
  label?: string;
}) {
  const [email, setEmail] = useState(initialEmail);
  const resend = useMutation({
    mutationFn: (address: string) =>
      api<unknown>('/api/auth/verify-email/resend', { method: 'POST', body: { email: address } }),
  });
  const { fieldError, showAlert } = formErrors(resend.error, ['email']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    resend.mutate(email);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {resend.isSuccess ? (
          <Alert color="green" title="Check your email" role="status">
            If {resend.variables} has an account waiting to be confirmed, a new link is on its way.
          </Alert>
        ) : null}
        {showAlert ? <ErrorAlert error={resend.error} title="No link was sent" /> : null}
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError('email')}
        />
        <div>
          <Button type="submit" variant="light" loading={resend.isPending}>
            {label}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
