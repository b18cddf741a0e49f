import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useUpdateReport, type ReportChange } from '../../../api/report-detail';
import { formErrors } from '../../../components/form-errors';
import { ErrorAlert } from '../../../components/error-alert';
import classes from './detail.module.css';

/** How a field is edited. */
export type FieldInput =
  | { kind: 'text'; maxLength: number }
  | { kind: 'textarea'; maxLength: number; rows?: number; description?: string }
  | { kind: 'datetime' }
  | { kind: 'select'; options: { value: string; label: string }[] };

/**
 * One fact of a report, shown as a term and its value, with an Edit button where the server
 * allows the change. Editing happens in place; Save sends the new value only when it changed,
 * and the server's answer (or refusal, at the field) shows right there.
 */
export function EditableField({
  reportId,
  label,
  field,
  value,
  display,
  canEdit,
  input,
  toChange,
  onEditStart,
}: {
  reportId: string;
  label: string;
  /** The request field, for the server's error at it. */
  field: keyof ReportChange;
  /** The value as the input holds it. */
  value: string;
  display: ReactNode;
  canEdit: boolean;
  input: FieldInput;
  /** The PATCH body for a new value: this one field only. */
  toChange: (value: string) => ReportChange;
  onEditStart?: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const editButton = useRef<HTMLButtonElement>(null);
  const update = useUpdateReport(reportId);
  const { error } = update;
  const { fieldError, showAlert } = formErrors(error, [field]);

  const start = () => {
    update.reset();
    setDraft(value);
    setEditing(true);
    onEditStart?.();
  };
  const stop = () => {
    setEditing(false);
    // Back to where the person was, once the button is there again.
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft === value) return stop();
    update.mutate(toChange(draft), { onSuccess: stop });
  };

  if (!editing) {
    return (
      <Stack gap={2}>
        <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} size="sm">
            {label}
          </Text>
          {canEdit ? (
            <Button
              ref={editButton}
              size="sm"
              variant="subtle"
              aria-label={`Edit ${label.toLowerCase()}`}
              onClick={start}
            >
              Edit
            </Button>
          ) : null}
        </Group>
        <div className={classes.wrap}>{display}</div>
      </Stack>
    );
  }

  const common = {
    label,
    error: fieldError(field),
    'data-autofocus': true,
    autoFocus: true,
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {input.kind === 'text' ? (
          <TextInput
            {...common}
            maxLength={input.maxLength}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
          />
        ) : input.kind === 'textarea' ? (
          <Textarea
            {...common}
            description={input.description}
            resize="vertical"
            rows={input.rows ?? 3}
            maxLength={input.maxLength}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
          />
        ) : input.kind === 'datetime' ? (
          <TextInput
            {...common}
            type="datetime-local"
            description="In your own time zone. Empty: not known."
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
          />
        ) : (
          <Select
            {...common}
            data={input.options}
            value={draft}
            onChange={(v) => setDraft(v ?? '')}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {showAlert ? <ErrorAlert error={error} title="Nothing was changed" /> : null}
        <Group gap="sm">
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
          <Button variant="default" onClick={stop}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
