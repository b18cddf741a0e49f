import { Button, Group, Text } from '@mantine/core';

/** "Newer · Page 2 of 5 · Older" under a newest-first list; nothing when there is one page. */
export function Pager({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  if (pages <= 1) return null;
  return (
    <Group justify="space-between" wrap="nowrap" aria-label="Pages" role="navigation">
      <Button variant="default" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Newer
      </Button>
      <Text size="sm">
        Page {page} of {pages}
      </Text>
      <Button variant="default" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Older
      </Button>
    </Group>
  );
}
