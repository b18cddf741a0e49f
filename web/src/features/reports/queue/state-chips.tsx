import { Button, Chip, Group, Text } from '@mantine/core';
import { reportStates, type ReportState } from '../../../api/report-types';
import { stateLabel } from '../shared/state-badge';
import classes from './queue.module.css';

/**
 * The queue's state filter with how many reports each state holds under the other filters
 * (so the numbers do not change as states are picked): several states may be chosen at once;
 * "All states" clears the choice.
 */
export function StateChips({
  chosen,
  counts,
  onChange,
}: {
  chosen: ReportState[];
  counts: Record<ReportState, number> | undefined;
  onChange: (states: ReportState[]) => void;
}) {
  const total = counts ? reportStates.reduce((sum, s) => sum + counts[s], 0) : null;
  return (
    <fieldset className={classes.fieldset}>
      <Text component="legend" size="sm" fw={500} mb={6}>
        State
      </Text>
      <Group gap="xs" wrap="wrap">
        <Button
          size="compact-md"
          radius="xl"
          variant={chosen.length === 0 ? 'filled' : 'default'}
          aria-pressed={chosen.length === 0}
          onClick={() => onChange([])}
        >
          All states{total !== null ? ` · ${total}` : ''}
        </Button>
        <Chip.Group
          multiple
          value={chosen}
          onChange={(values) => onChange(reportStates.filter((s) => values.includes(s)))}
        >
          {reportStates.map((s) => (
            <Chip key={s} value={s} size="md">
              {stateLabel(s)}
              {counts ? ` · ${counts[s]}` : ''}
            </Chip>
          ))}
        </Chip.Group>
      </Group>
    </fieldset>
  );
}
