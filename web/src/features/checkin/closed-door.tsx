import { Alert, Text } from '@mantine/core';

/**
 * In place of a check-in page once the server refuses it (403 or 404): the person is no longer a
 * checkiner, or the event was archived or removed. Nobody's name stays on the screen, and no tap
 * is offered that would be refused.
 */
export function ClosedDoor() {
  return (
    <Alert color="red" title="You can no longer check people in here" role="alert">
      <Text size="sm">
        Your check-in access to this event has ended, or the event was archived or removed. Ask its
        organizers if you should still be at the door.
      </Text>
    </Alert>
  );
}
