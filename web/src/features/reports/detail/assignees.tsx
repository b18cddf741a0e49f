import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useAssign, useAssignableTeam, useUnassign } from '../../../api/report-detail';
import type { TeamReport } from '../../../api/report-types';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { roleLabel } from '../../shared/role-label';
import { eachPersonOnce } from '../shared/team-people';
import classes from './detail.module.css';

const TEAM_ROLES = new Set(['event_admin', 'responder']);

/**
 * Who is in charge of the report (several people at once); where the server allows, adding
 * someone of the event's team and taking people off.
 */
export function Assignees({ report }: { report: TeamReport }) {
  const canAssign = report.can.assign;
  const team = useAssignableTeam(report.event.id, { enabled: canAssign });
  const assign = useAssign(report.id);
  const unassign = useUnassign(report.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [done, setDone] = useState('');

  const assigned = new Set(report.assignees.map((a) => a.id));
  // The response team: a report's assignee sees all of it, so reporters are not offered. Someone
  // with an explicit role and an inherited one is listed twice by the team: offered once.
  const options = eachPersonOnce(
    (team.data?.items ?? []).filter((m) => TEAM_ROLES.has(m.role) && !assigned.has(m.userId)),
  ).map((m) => ({
    value: m.userId,
    label: `${m.name}${m.isYou ? ' (you)' : ''} · ${roleLabel(m.role)}`,
  }));

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const person = team.data?.items.find((m) => m.userId === chosen);
    unassign.reset();
    assign.mutate(chosen, {
      onSuccess: () => {
        setChosen(null);
        setDone(person?.isYou ? 'You are assigned.' : `${person?.name ?? 'Someone'} is assigned.`);
      },
    });
  };
  const remove = (id: string, name: string) => {
    assign.reset();
    unassign.mutate(id, { onSuccess: () => setDone(`${name} is no longer assigned.`) });
  };

  return (
    <Stack gap="sm">
      {report.assignees.length === 0 ? (
        <Text>Nobody is assigned yet.</Text>
      ) : (
        <ul className={classes.list} aria-label="Assigned">
          {report.assignees.map((person) => (
            <Paper component="li" key={person.id} withBorder p="xs" radius="md" mb="xs">
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Text className={classes.wrap}>{person.name}</Text>
                {canAssign ? (
                  <Button
                    size="sm"
                    variant="default"
                    aria-label={`Unassign ${person.name}`}
                    loading={unassign.isPending && unassign.variables === person.id}
                    onClick={() => remove(person.id, person.name)}
                  >
                    Unassign
                  </Button>
                ) : null}
              </Group>
            </Paper>
          ))}
        </ul>
      )}
      <Text size="sm" role="status">
        {done}
      </Text>
      {assign.error || unassign.error ? (
        <ErrorAlert error={assign.error ?? unassign.error} title="Nothing was changed" />
      ) : null}
      {canAssign ? (
        team.isPending ? (
          <Loading label="Loading the team" />
        ) : team.error ? (
          <ErrorAlert error={team.error} title="The team could not be loaded" />
        ) : (
          <form onSubmit={add} noValidate>
            <Group gap="sm" align="flex-end" wrap="wrap">
              <Select
                label="Assign someone"
                placeholder={options.length ? 'Choose from the team' : 'Everyone is assigned'}
                data={options}
                value={chosen}
                onChange={setChosen}
                searchable
                nothingFoundMessage="Nobody of the team has that name"
                disabled={options.length === 0}
                style={{ flex: '1 1 14rem' }}
                comboboxProps={{ withinPortal: true }}
              />
              <Button type="submit" disabled={!chosen} loading={assign.isPending}>
                Assign
              </Button>
            </Group>
          </form>
        )
      ) : null}
    </Stack>
  );
}
