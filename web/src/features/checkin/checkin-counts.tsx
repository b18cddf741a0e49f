import { Group, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { CheckinCounts as Counts } from '../../api/checkin';
import classes from './checkin.module.css';

/** "12 of 40 checked in": the counts as a sentence. */
export function countsText({ checkedIn, expected }: Counts): string {
  return `${checkedIn} of ${expected} checked in`;
}

/**
 * The counts of a session: checked in and expected, with a bar for a quick look; `large` at the
 * door, readable at arm's length. Not a live region: the counts change every few seconds and
 * would talk over the person using the page.
 */
export function CheckinCounts({ counts, large = false }: { counts: Counts; large?: boolean }) {
  const { checkedIn, expected } = counts;
  const share = expected > 0 ? Math.min(100, (checkedIn / expected) * 100) : 0;
  return (
    <Stack gap={4}>
      {large ? (
        <>
          <Group gap="xs" align="baseline" wrap="wrap" aria-hidden>
            <span className={classes.count}>
              {checkedIn} / {expected}
            </span>
            <Text size="sm">checked in / expected</Text>
          </Group>
          <VisuallyHidden>{countsText(counts)}</VisuallyHidden>
        </>
      ) : (
        <Text size="sm">{countsText(counts)}</Text>
      )}
      <Progress value={share} color="teal.8" size={large ? 'md' : 'sm'} aria-hidden />
    </Stack>
  );
}
