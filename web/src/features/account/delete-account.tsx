import { useRef, useState, type FormEvent } from 'react';
import { Button, Group, List, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';

/** Deleting the account: a warning, then the password to confirm it. */
export function DeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const passwordInput = useRef<HTMLInputElement>(null);
  const remove = useMutation({
    mutationFn: () => api<void>('/api/account', { method: 'DELETE', body: { password } }),
    onSuccess: onDeleted,
  });
  const { fieldError, showAlert } = formErrors(remove.error, ['password']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    remove.mutate();
  };

  return (
    <Stack gap="sm">
      <Text fw={600}>Deleting your account cannot be undone.</Text>
      <List size="sm" spacing={4}>
        <List.Item>Your name, email address, password and sessions are erased.</List.Item>
        <List.Item>
          Incident reports you made stay with their event, attributed to a deleted user.
        </List.Item>
        <List.Item>
          If you are the last admin of an organization or event, hand the role to someone first.
        </List.Item>
      </List>
      {!confirming ? (
        <div>
          <Button
            color="red.8"
            variant="outline"
            onClick={() => {
              setConfirming(true);
              setTimeout(() => passwordInput.current?.focus(), 0);
            }}
          >
            Delete my account…
          </Button>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {showAlert ? (
              <ErrorAlert error={remove.error} title="Your account was not deleted" />
            ) : null}
            <PasswordInput
              ref={passwordInput}
              label="Your password, to confirm"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError('password')}
            />
            <Group gap="sm">
              <Button type="submit" color="red.8" loading={remove.isPending}>
                Delete my account for good
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setConfirming(false);
                  setPassword('');
                  remove.reset();
                }}
              >
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
