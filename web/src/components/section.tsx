import { useId, type ReactNode } from 'react';
import { Paper, Stack, Title } from '@mantine/core';

/** One titled part of a page (an h2 in a bordered box), named for assistive technology. */
export function Section({
  title,
  children,
  danger = false,
}: {
  title: string;
  children: ReactNode;
  danger?: boolean;
}) {
  const id = useId();
  return (
    <Paper
      component="section"
      aria-labelledby={id}
      withBorder
      p="md"
      radius="md"
      style={danger ? { borderColor: 'var(--mantine-color-red-8)' } : undefined}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
