import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';

/** Change the email address: a link goes to the new one, and the change counts once followed. */
export function EmailForm({ current }: { current: string }) {
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const change = useMutation({
    mutationFn: (body: { newEmail: string; password: string }) =>
      api<unknown>('/api/account/email', { method: 'POST', body }),
    onSuccess: () => {
      setNewEmail('');
      setPassword('');
    },
  });
  const { fieldError, showAlert } = formErrors(change.error, ['newEmail', 'password']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ newEmail, password });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text>
          Your address is <strong>{current}</strong>.
        </Text>
        {change.isSuccess ? (
          <Alert color="green" title="Check the new address" role="status">
            We have sent a link to {change.variables?.newEmail}. Open it while signed in here: your
            address changes then. Until then, keep using {current}.
          </Alert>
        ) : null}
        {showAlert ? (
          <ErrorAlert error={change.error} title="Your address was not changed" />
        ) : null}
        <TextInput
          label="New email address"
          type="email"
          autoComplete="email"
          required
          value={newEmail}
          onChange={(e) => setNewEmail(e.currentTarget.value)}
          error={fieldError('newEmail')}
        />
        <PasswordInput
          label="Your password"
          description="Moving your account to another address needs your password."
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError('password')}
        />
        <div>
          <Button type="submit" loading={change.isPending}>
            Send confirmation link
          </Button>
        </div>
      </Stack>
    </form>
  );
}
