import { Anchor, List, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import type { EventDetails } from '../../api/events';
import { Section } from '../../components/section';
import classes from './setup-checklist.module.css';

interface Item {
  key: string;
  label: string;
  done: boolean;
  /** Where to do it: the settings page, or nothing (a button on this page). */
  link: boolean;
}

/** What an admin still has to do before the event goes live, each step ticked from its fields. */
function items(event: EventDetails): Item[] {
  const { can } = event;
  const details: Item[] = can.update
    ? [
        {
          key: 'description',
          label: 'Describe the event',
          done: event.description.trim() !== '',
          link: true,
        },
        {
          key: 'dates',
          label: 'Set its dates',
          done: Boolean(event.startsOn && event.endsOn),
          link: true,
        },
      ]
    : [];
  const conduct: Item[] = can.updateSettings
    ? [
        {
          key: 'coc',
          label: 'Write the code of conduct',
          done: event.codeOfConduct.trim() !== '',
          link: true,
        },
        {
          key: 'contact',
          label: 'Give a contact email',
          done: event.contactEmail !== null,
          link: true,
        },
        { key: 'logo', label: 'Add a logo', done: event.logoUrl !== null, link: true },
        {
          key: 'types',
          label: 'Choose the report types',
          done: event.reportTypes.length > 0,
          link: true,
        },
      ]
    : [];
  const waiting = event.status === 'pending_approval';
  const golive: Item[] =
    can.submit || waiting
      ? [
          {
            key: 'live',
            label: waiting ? 'Submitted for approval' : 'Submit it for approval',
            done: waiting,
            link: false,
          },
        ]
      : can.activate
        ? [{ key: 'live', label: 'Activate it', done: false, link: false }]
        : [];
  return [...details, ...conduct, ...golive];
}

/** Shown to the event's admins until it is active: the steps of setting it up. */
export function SetupChecklist({ event }: { event: EventDetails }) {
  const list = items(event);
  const mayEdit = event.can.update || event.can.updateSettings;
  if (!mayEdit || list.length === 0) return null;
  if (event.status !== 'draft' && event.status !== 'pending_approval') return null;
  const done = list.filter((i) => i.done).length;
  const settings = `/events/${encodeURIComponent(event.id)}/settings`;
  return (
    <Section title="Set up your event">
      <Text size="sm">
        {done} of {list.length} done.
      </Text>
      <List spacing="xs" listStyleType="none" className={classes.list}>
        {list.map((item) => (
          <List.Item key={item.key} className={item.done ? classes.done : classes.todo}>
            <span aria-hidden className={classes.mark}>
              {item.done ? '✓' : '○'}
            </span>
            <VisuallyHidden>{item.done ? 'Done: ' : 'To do: '}</VisuallyHidden>
            {item.link && !item.done ? (
              <Anchor component={Link} to={settings}>
                {item.label}
              </Anchor>
            ) : (
              item.label
            )}
            {!item.link && !item.done ? ' (with the button above)' : ''}
          </List.Item>
        ))}
      </List>
    </Section>
  );
}
