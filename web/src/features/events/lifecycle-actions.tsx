import { useState } from 'react';
import { Button, Group } from '@mantine/core';
import { useNavigate } from 'react-router';
import {
  useDeleteEvent,
  useEventTransition,
  type EventAbilities,
  type EventDetails,
  type EventTransition,
} from '../../api/events';
import { ReasonDialog } from '../../components/reason-dialog';

type Verb = EventTransition | 'delete';

interface Action {
  verb: Verb;
  can: keyof EventAbilities;
  label: string;
  explanation: string;
  danger?: boolean;
}

// In the order a person meets them: moving forward first, then flags, then the end.
const actions: Action[] = [
  {
    verb: 'submit',
    can: 'submit',
    label: 'Submit for approval',
    explanation:
      'The event goes to the approval queue. Once an organization admin, a chapter leader or a ' +
      'publisher approves it, it is public and takes reports.',
  },
  {
    verb: 'activate',
    can: 'activate',
    label: 'Activate',
    explanation:
      'The event goes live: anyone can see its public page, and people can report incidents.',
  },
  {
    verb: 'approve',
    can: 'approve',
    label: 'Approve',
    explanation:
      'The event is published: anyone can see its public page, and people can report incidents.',
  },
  {
    verb: 'reinstate',
    can: 'reinstate',
    label: 'Reinstate',
    explanation: 'Everyone with a role in the event can open it again.',
  },
  {
    verb: 'clear-spam',
    can: 'clearSpam',
    label: 'Clear spam flag',
    explanation: 'The event is no longer hidden as spam.',
  },
  {
    verb: 'archive',
    can: 'archive',
    label: 'Archive',
    explanation:
      'The event becomes read-only: its reports and all its data are kept, and nothing can be ' +
      'changed any more.',
    danger: true,
  },
  {
    verb: 'suspend',
    can: 'suspend',
    label: 'Suspend',
    explanation:
      'Until the event is reinstated, only its admins can open it, to fix it. Nothing is deleted.',
    danger: true,
  },
  {
    verb: 'flag-spam',
    can: 'flagSpam',
    label: 'Flag as spam',
    explanation:
      'The event is hidden everywhere and takes no reports. Nothing is deleted, and the flag can ' +
      'be cleared.',
    danger: true,
  },
  {
    verb: 'delete',
    can: 'delete',
    label: 'Delete',
    explanation:
      'The event and its settings are deleted for good. An event that holds incident reports ' +
      'cannot be deleted: archive it instead.',
    danger: true,
  },
];

const title = (action: Action, name: string) =>
  action.verb === 'delete' ? `Delete ${name}?` : `${action.label}: ${name}?`;

/** The lifecycle actions the caller may take now, each confirmed with an optional reason. */
export function LifecycleActions({ event }: { event: EventDetails }) {
  const [asking, setAsking] = useState<Action | null>(null);
  const allowed = actions.filter((a) => event.can[a.can]);
  if (allowed.length === 0) return null;
  return (
    <>
      <Group gap="xs" wrap="wrap" role="group" aria-label="Event actions">
        {allowed.map((a) => (
          <Button
            key={a.verb}
            size="sm"
            variant={a.danger ? 'outline' : 'filled'}
            color={a.danger ? 'red.8' : undefined}
            onClick={() => setAsking(a)}
          >
            {a.label}
          </Button>
        ))}
      </Group>
      {asking ? (
        <ConfirmAction event={event} action={asking} onClose={() => setAsking(null)} />
      ) : null}
    </>
  );
}

function ConfirmAction({
  event,
  action,
  onClose,
}: {
  event: EventDetails;
  action: Action;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const transition = useEventTransition(event.id);
  const remove = useDeleteEvent();
  const mutation = action.verb === 'delete' ? remove : transition;
  const confirm = (reason: string) => {
    if (action.verb === 'delete') {
      remove.mutate(
        { event, reason },
        {
          // Home: not everyone who may delete an event may open its organization's page.
          onSuccess: () => navigate('/', { replace: true }),
        },
      );
    } else {
      transition.mutate({ transition: action.verb, reason }, { onSuccess: onClose });
    }
  };
  return (
    <ReasonDialog
      title={title(action, event.name)}
      explanation={action.explanation}
      confirmLabel={action.label}
      danger={action.danger}
      pending={mutation.isPending}
      error={mutation.error}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
