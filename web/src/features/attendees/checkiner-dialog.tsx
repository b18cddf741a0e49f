import type { Attendee } from '../../api/attendees';
import { useSetCheckiner } from '../../api/attendees';
import { ReasonDialog } from '../../components/reason-dialog';

/**
 * Makes someone who RSVP'd a checkiner of the event, or ends it, after asking; with an optional
 * reason for the audit log. They are told either way.
 */
export function CheckinerDialog({
  eventId,
  attendee,
  onClose,
}: {
  eventId: string;
  attendee: Attendee;
  onClose: () => void;
}) {
  const change = useSetCheckiner(eventId);
  const making = !attendee.checkiner;
  return (
    <ReasonDialog
      title={
        making ? `Make ${attendee.name} a checkiner?` : `Remove ${attendee.name} as checkiner?`
      }
      explanation={
        making
          ? `${attendee.name} will be able to open this event’s check-in pages and check people in at the door. They see names only, never email addresses. They are told.`
          : `${attendee.name} will no longer be able to check people in. Check-ins they made stay. They are told.`
      }
      confirmLabel={making ? 'Make checkiner' : 'Remove as checkiner'}
      danger={!making}
      pending={change.isPending}
      error={change.error}
      onConfirm={(reason) =>
        change.mutate(
          { userId: attendee.userId, checkiner: making, reason },
          { onSuccess: onClose },
        )
      }
      onClose={onClose}
    />
  );
}
