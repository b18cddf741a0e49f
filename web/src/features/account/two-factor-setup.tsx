import { useState, type FormEvent } from 'react';
import { Button, Code, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { PasswordConfirmForm } from './password-confirm-form';
import { QrCode } from './qr-code';

interface Enrollment {
  totpURI: string;
  backupCodes: string[];
}

/** The secret of an otpauth:// URI, for people who type it into their app instead of scanning. */
export function secretOf(totpURI: string): string {
  try {
    return new URL(totpURI).searchParams.get('secret') ?? '';
  } catch {
    return '';
  }
}

/**
 * Setting up two-factor: the password, then the QR code (and its secret as text) for the
 * authenticator app, then a first code to prove it works. Hands the backup codes on when done.
 */
export function TwoFactorSetup({ onEnabled }: { onEnabled: (backupCodes: string[]) => void }) {
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);

  if (!enrollment) {
    return (
      <Stack gap="sm">
        <Text>
          You will need an authenticator app on your phone, such as Aegis, Google Authenticator,
          Microsoft Authenticator or 1Password. Start by confirming your password.
        </Text>
        <PasswordConfirmForm
          action="Start setting up"
          failedTitle="Two-factor was not set up"
          send={(password) =>
            api<Enrollment>('/api/account/two-factor/enable', {
              method: 'POST',
              body: { password },
            })
          }
          onDone={setEnrollment}
        />
      </Stack>
    );
  }
  return <ScanAndConfirm enrollment={enrollment} onEnabled={onEnabled} />;
}

function ScanAndConfirm({
  enrollment,
  onEnabled,
}: {
  enrollment: Enrollment;
  onEnabled: (backupCodes: string[]) => void;
}) {
  const [code, setCode] = useState('');
  const confirm = useMutation({
    mutationFn: () =>
      api<void>('/api/account/two-factor/confirm', { method: 'POST', body: { code } }),
    onSuccess: () => onEnabled(enrollment.backupCodes),
  });
  const { fieldError, showAlert } = formErrors(confirm.error, ['code']);
  const secret = secretOf(enrollment.totpURI);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };

  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        1. Scan this code with your authenticator app
      </Title>
      <QrCode value={enrollment.totpURI} label="QR code for your authenticator app" />
      <Text size="sm">Cannot scan it? Enter this key in the app instead:</Text>
      <Group gap="sm" wrap="wrap">
        <Code
          aria-label="Setup key"
          fz="md"
          style={{ wordBreak: 'break-all', letterSpacing: '0.05em' }}
        >
          {secret.replace(/(.{4})(?=.)/g, '$1 ')}
        </Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy key'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Title order={3} size="h4">
        2. Enter the code the app shows
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {showAlert ? <ErrorAlert error={confirm.error} title="Two-factor is not on yet" /> : null}
          <TextInput
            label="6-digit code"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={fieldError('code')}
          />
          <Group>
            <Button type="submit" loading={confirm.isPending}>
              Turn on two-factor
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
