import { Button, Group, Text } from '@mantine/core';

/** A form's save button, with "Saved." beside it once the server took the change. */
export function SaveButton({
  label,
  pending,
  saved,
  disabled,
}: {
  label: string;
  pending: boolean;
  saved: boolean;
  disabled?: boolean;
}) {
  return (
    <Group gap="sm">
      <Button type="submit" loading={pending} disabled={disabled}>
        {label}
      </Button>
      <Text size="sm" role="status">
        {saved ? 'Saved.' : ''}
      </Text>
    </Group>
  );
}
