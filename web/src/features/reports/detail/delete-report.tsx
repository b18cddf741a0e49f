import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useDeleteReport } from '../../../api/report-detail';
import type { TeamReport } from '../../../api/report-types';
import { ErrorAlert } from '../../../components/error-alert';
import { formErrors } from '../../../components/form-errors';

/** Deleting the report (event admins): a reason is required; afterwards, back to the queue. */
export function DeleteReport({ report }: { report: TeamReport }) {
  const [open, setOpen] = useState(false);
  return (
    <Stack gap="sm">
      <Text size="sm">
        A deleted report leaves the queue and nobody can open it any more. The event&apos;s audit
        log keeps who deleted it, when and why.
      </Text>
      <div>
        <Button variant="outline" color="red.8" onClick={() => setOpen(true)}>
          Delete this report
        </Button>
      </div>
      {open ? <DeleteDialog report={report} onClose={() => setOpen(false)} /> : null}
    </Stack>
  );
}

function DeleteDialog({ report, onClose }: { report: TeamReport; onClose: () => void }) {
  const navigate = useNavigate();
  const remove = useDeleteReport(report.id, () =>
    navigate(`/events/${encodeURIComponent(report.event.id)}/reports`, { replace: true }),
  );
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { fieldError, showAlert } = formErrors(remove.error, ['reason']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setMissing(true);
    remove.mutate(reason);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Delete report #${report.number}?`}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            Nobody will be able to open it, its comments or its evidence in Steward any more.
          </Text>
          {showAlert ? (
            <ErrorAlert error={remove.error} title="The report was not deleted" />
          ) : null}
          <Textarea
            label="Reason"
            description="Required. Kept in the audit log."
            required
            resize="vertical"
            rows={2}
            maxLength={500}
            data-autofocus
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? 'Say why the report is deleted' : fieldError('reason')}
          />
          <Group gap="sm" justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red.8" loading={remove.isPending}>
              Delete report
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
