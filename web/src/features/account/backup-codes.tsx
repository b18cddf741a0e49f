import { Button, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';

/** Backup codes, shown once: to copy or download, each good for one sign-in. */
export function BackupCodes({ codes }: { codes: string[] }) {
  const text = `Steward backup codes. Each works once, in place of a code from your app.\n\n${codes.join('\n')}\n`;
  return (
    <Stack gap="sm">
      <Text size="sm">
        Keep these somewhere safe, such as a password manager. If you lose your phone, each code
        lets you sign in once. They are shown only now.
      </Text>
      <SimpleGrid
        component="ul"
        aria-label="Backup codes"
        cols={2}
        spacing="xs"
        style={{
          listStyle: 'none',
          padding: 0,
          margin: 0,
          fontFamily: 'var(--mantine-font-family-monospace)',
        }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button
          component="a"
          variant="default"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="steward-backup-codes.txt"
        >
          Download codes
        </Button>
      </Group>
    </Stack>
  );
}
