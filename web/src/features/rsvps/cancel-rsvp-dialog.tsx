import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';

/**
 * Asks before an RSVP is cancelled. Its buttons say "keep" and "cancel my RSVP": a plain "Cancel"
 * would be ambiguous here. A refusal shows inside, and the dialog stays open to read it.
 */
export function CancelRsvpDialog({
  eventName,
  waitlisted,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  eventName: string;
  waitlisted: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal
      opened
      onClose={onClose}
      title="Cancel your RSVP?"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {waitlisted
            ? `You leave the waitlist of ${eventName}.`
            : `You give up your place at ${eventName}; the next person on the waitlist gets it.`}{' '}
          You can RSVP again while the event takes RSVPs, but you would start at the back.
        </Text>
        {error ? <ErrorAlert error={error} title="Your RSVP was not cancelled" /> : null}
        <Group gap="sm" justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep my RSVP
          </Button>
          <Button color="red.8" onClick={onConfirm} loading={pending}>
            Cancel my RSVP
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
