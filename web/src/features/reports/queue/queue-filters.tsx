import { useEffect, useState } from 'react';
import {
  Button,
  Checkbox,
  Collapse,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import type { ReportSort } from '../../../api/report-types';
import { severities } from '../../../api/report-types';
import type { TeamMember } from '../../../api/teams';
import { eachPersonOnce } from '../shared/team-people';
import { severityLabel } from '../shared/severity-badge';
import { typeLabel } from '../shared/report-row';
import type { QueueFilterState } from './use-queue-filters';

const sortLabels: Record<ReportSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  updated: 'Recently updated',
  severity: 'Most severe first',
  number: 'By number',
};

/** How many of the filters behind "More filters" are set (state and search are always shown). */
export function hiddenFilterCount(filters: QueueFilterState['filters']): number {
  return [
    filters.severity,
    filters.type,
    filters.assignee,
    filters.from,
    filters.to,
    filters.followUp,
  ].filter(Boolean).length;
}

/**
 * The queue's search box and sort, always in view, and its other filters behind "More filters"
 * (open by itself when one of them is set): severity, type, assignee, dates, follow-up.
 */
export function QueueFilterFields({
  state,
  reportTypes,
  team,
}: {
  state: QueueFilterState;
  reportTypes: string[];
  /** The people who may be chosen as assignee (empty when the team is not open to the caller). */
  team: TeamMember[];
}) {
  const { filters, change, typed, setTyped } = state;
  const hidden = hiddenFilterCount(filters);
  const [open, setOpen] = useState(hidden > 0);
  // A saved filter or the back button may set one of the hidden filters: show it. Never closed
  // by itself, so clearing the last one does not pull the panel away from under a finger.
  const anyHidden = hidden > 0;
  useEffect(() => {
    if (anyHidden) setOpen(true);
  }, [anyHidden]);
  const chosenSeverities = filters.severity ? filters.severity.split(',') : [];
  // A type no longer in the event's list (renamed since) stays choosable while it is the filter.
  const types =
    filters.type && !reportTypes.includes(filters.type)
      ? [...reportTypes, filters.type]
      : reportTypes;
  const people = eachPersonOnce(team.filter((m) => !m.isYou));
  const assigneeKnown =
    !filters.assignee ||
    ['me', 'none'].includes(filters.assignee) ||
    people.some((m) => m.userId === filters.assignee);

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          type="search"
          label="Search reports"
          description="Words in the title, description, location or people involved"
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          autoComplete="off"
          maxLength={200}
        />
        <NativeSelect
          label="Sort"
          value={filters.sort ?? 'newest'}
          onChange={(e) => change({ sort: e.currentTarget.value })}
          data={Object.entries(sortLabels).map(([value, label]) => ({ value, label }))}
        />
      </SimpleGrid>
      <Group gap="sm">
        <Button
          variant="default"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls="queue-more-filters"
        >
          {open ? 'Fewer filters' : 'More filters'}
          {hidden > 0 ? ` (${hidden} set)` : ''}
        </Button>
      </Group>
      <Collapse expanded={open} id="queue-more-filters">
        <Stack gap="sm">
          <Checkbox.Group
            label="Severity"
            value={chosenSeverities}
            onChange={(values) =>
              change({
                severity: [...severities, 'none'].filter((s) => values.includes(s)).join(','),
              })
            }
          >
            <Group gap="md" mt={6}>
              {severities.map((s) => (
                <Checkbox key={s} value={s} label={severityLabel(s)} />
              ))}
              <Checkbox value="none" label="Not set" />
            </Group>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Type"
              value={filters.type ?? ''}
              onChange={(e) => change({ type: e.currentTarget.value })}
              data={[
                { value: '', label: 'Any type' },
                ...types.map((t) => ({ value: t, label: typeLabel(t) })),
              ]}
            />
            <NativeSelect
              label="Assigned to"
              value={filters.assignee ?? ''}
              onChange={(e) => change({ assignee: e.currentTarget.value })}
              data={[
                { value: '', label: 'Anyone or nobody' },
                { value: 'me', label: 'Me' },
                { value: 'none', label: 'Nobody (unassigned)' },
                ...people.map((m) => ({ value: m.userId, label: m.name })),
                ...(assigneeKnown
                  ? []
                  : [{ value: filters.assignee ?? '', label: 'Someone else' }]),
              ]}
            />
            <TextInput
              type="date"
              label="Submitted from"
              value={filters.from ?? ''}
              max={filters.to}
              onChange={(e) => change({ from: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label="Submitted until"
              value={filters.to ?? ''}
              min={filters.from}
              onChange={(e) => change({ to: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Checkbox
            label="Only reports marked for follow-up"
            checked={filters.followUp === 'true'}
            onChange={(e) => change({ followUp: e.currentTarget.checked ? 'true' : null })}
          />
        </Stack>
      </Collapse>
    </Stack>
  );
}
