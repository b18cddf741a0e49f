import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';

/** Change the password with the current one; the server ends every other session. */
export function PasswordForm() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({
    mutationFn: () =>
      api<void>('/api/account/password', {
        method: 'POST',
        body: { currentPassword, newPassword },
      }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
    },
  });
  const { fieldError, showAlert } = formErrors(change.error, ['currentPassword', 'newPassword']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {change.isSuccess ? (
          <Alert color="green" title="Password changed" role="status">
            Your other sessions were signed out; this one stays signed in.
          </Alert>
        ) : null}
        {showAlert ? (
          <ErrorAlert error={change.error} title="Your password was not changed" />
        ) : null}
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={fieldError('currentPassword')}
        />
        <PasswordInput
          label="New password"
          description="At least 12 characters, and not a common password"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          error={fieldError('newPassword')}
        />
        <div>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </div>
      </Stack>
    </form>
  );
}
