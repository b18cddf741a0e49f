import { useApproveEvent } from '../../api/approvals';
import type { EventSummary } from '../../api/event-summary';
import { ReasonDialog } from '../../components/reason-dialog';

/** Asks before approving (publishing) a waiting event, with an optional reason, and does it. */
export function ApproveDialog({
  event,
  onApproved,
  onClose,
}: {
  event: EventSummary;
  onApproved: () => void;
  onClose: () => void;
}) {
  const approve = useApproveEvent();
  return (
    <ReasonDialog
      title={`Approve ${event.name}?`}
      explanation="The event becomes active: public, open for RSVPs and for reports to its team."
      confirmLabel="Approve"
      pending={approve.isPending}
      error={approve.error}
      onConfirm={(reason) => approve.mutate({ event, reason }, { onSuccess: onApproved })}
      onClose={onClose}
    />
  );
}
