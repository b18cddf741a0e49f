import { Button, Group, Text } from '@mantine/core';

/**
 * "Newer · Page 2 of 5 · Older" under a newest-first list (other lists name their own directions,
 * such as Previous and Next); nothing when there is one page.
 */
export function Pager({
  page,
  pages,
  onPage,
  previous = 'Newer',
  next = 'Older',
  label = 'Pages',
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  previous?: string;
  next?: string;
  /** Names the pager where a page has more than one list. */
  label?: string;
}) {
  if (pages <= 1) return null;
  return (
    <Group justify="space-between" wrap="nowrap" aria-label={label} role="navigation">
      <Button variant="default" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {previous}
      </Button>
      <Text size="sm">
        Page {page} of {pages}
      </Text>
      <Button variant="default" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {next}
      </Button>
    </Group>
  );
}
