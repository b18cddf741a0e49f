import { useState, type FormEvent } from 'react';
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';

/** A step that needs the password again (two-factor changes): one field and one button. */
export function PasswordConfirmForm<T>({
  action,
  send,
  onDone,
  failedTitle,
  color,
}: {
  action: string;
  send: (password: string) => Promise<T>;
  onDone: (result: T) => void;
  failedTitle: string;
  color?: string;
}) {
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: (result) => {
      setPassword('');
      onDone(result);
    },
  });
  const { fieldError, showAlert } = formErrors(mutation.error, ['password']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(password);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={mutation.error} title={failedTitle} /> : null}
        <PasswordInput
          label="Your password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError('password')}
        />
        <Group>
          <Button type="submit" color={color} loading={mutation.isPending}>
            {action}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
