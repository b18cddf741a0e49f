import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { ErrorAlert } from './error-alert';

/**
 * Asks before a change, with an optional reason for the audit log; a refusal from the server
 * shows inside the dialog, which stays open so the person can read it. `children` are fields of
 * the change itself (a new role), shown above the reason; `withReason={false}` asks without one,
 * for a change the server keeps no reason for.
 */
export function ReasonDialog({
  title,
  explanation,
  confirmLabel,
  danger = false,
  pending,
  error,
  onConfirm,
  onClose,
  children,
  withReason = true,
}: {
  title: string;
  explanation: string;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
  children?: ReactNode;
  withReason?: boolean;
}) {
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(reason);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{explanation}</Text>
          {error ? <ErrorAlert error={error} title="Nothing was changed" /> : null}
          {children}
          {withReason ? (
            <Textarea
              label="Reason (optional)"
              description="Kept in the audit log with the change."
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
          ) : null}
          <Group gap="sm" justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={danger ? 'red.8' : undefined} loading={pending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
