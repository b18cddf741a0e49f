import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';

/**
 * The second step of signing in: a code from the authenticator app or a backup code. The pending
 * sign-in lives in a short-lived cookie the first step set.
 */
export function TwoFactorStep({
  onSignedIn,
  onStartOver,
}: {
  onSignedIn: () => void;
  onStartOver: () => void;
}) {
  const [code, setCode] = useState('');
  const [trustDevice, setTrustDevice] = useState(false);
  const verify = useMutation({
    mutationFn: () =>
      api<unknown>('/api/auth/two-factor', { method: 'POST', body: { code, trustDevice } }),
    onSuccess: onSignedIn,
  });
  const { fieldError, showAlert } = formErrors(verify.error, ['code', 'trustDevice']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>
          Your account uses two-factor authentication. Enter the 6-digit code your authenticator app
          shows now, or one of your backup codes.
        </Text>
        {showAlert ? <ErrorAlert error={verify.error} title="You are not signed in yet" /> : null}
        <TextInput
          label="Code"
          description="6 digits from the app, or a backup code"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={fieldError('code')}
        />
        <Checkbox
          label="Trust this device: do not ask for a code in this browser for 30 days"
          checked={trustDevice}
          onChange={(e) => setTrustDevice(e.currentTarget.checked)}
        />
        <Group gap="sm">
          <Button type="submit" loading={verify.isPending}>
            Verify and sign in
          </Button>
          <Button variant="subtle" onClick={onStartOver}>
            Start over
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
