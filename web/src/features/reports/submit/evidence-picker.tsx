import { useId, useRef, useState, type DragEvent } from 'react';
import { ActionIcon, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { Loading } from '../../../components/loading';
import { formatSize, type EvidenceFile, type EvidenceUploads } from './evidence-uploads';
import classes from './submit.module.css';

/** What the picker offers; the server checks the content itself and says what it refuses. */
export const EVIDENCE_ACCEPT = 'image/*,video/*,audio/*,application/pdf,text/plain';

/**
 * Choosing files for a report: a file picker, the phone's camera, or files dropped on the box.
 * `hint` says what happens to them (sent after the report, not kept in the draft).
 */
export function EvidencePicker({
  uploads,
  hint,
  disabled = false,
}: {
  uploads: EvidenceUploads;
  hint: string;
  disabled?: boolean;
}) {
  const hintId = useId();
  const [dragging, setDragging] = useState(false);
  const resetFiles = useRef<() => void>(null);
  const resetPhoto = useRef<() => void>(null);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    uploads.add(Array.from(event.dataTransfer.files));
  };

  return (
    <div
      className={`${classes.drop} ${dragging ? classes.dragging : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <Stack gap="xs">
        <Group gap="xs">
          <FileButton
            multiple
            accept={EVIDENCE_ACCEPT}
            resetRef={resetFiles}
            disabled={disabled}
            inputProps={{ name: 'evidence' }}
            onChange={(chosen) => {
              uploads.add(chosen);
              // The same file can be chosen again after removing it.
              resetFiles.current?.();
            }}
          >
            {(props) => (
              <Button {...props} variant="default" aria-describedby={hintId}>
                Add files
              </Button>
            )}
          </FileButton>
          <FileButton
            accept="image/*"
            capture="environment"
            resetRef={resetPhoto}
            disabled={disabled}
            inputProps={{ name: 'photo' }}
            onChange={(photo) => {
              if (photo) uploads.add([photo]);
              resetPhoto.current?.();
            }}
          >
            {(props) => (
              <Button {...props} variant="default" aria-describedby={hintId}>
                Take a photo
              </Button>
            )}
          </FileButton>
        </Group>
        <Text size="sm" c="dimmed" id={hintId}>
          {hint}
        </Text>
        <EvidenceList files={uploads.files} onRemove={disabled ? undefined : uploads.remove} />
      </Stack>
    </div>
  );
}

const statusText: Record<EvidenceFile['status'], string> = {
  waiting: 'Not sent yet',
  uploading: 'Uploading…',
  done: 'Uploaded',
  failed: 'Not uploaded',
};

/** The chosen files with their size and status; removable while not sent, where allowed. */
export function EvidenceList({
  files,
  onRemove,
  label = 'Chosen files',
}: {
  files: EvidenceFile[];
  onRemove?: (id: string) => void;
  label?: string;
}) {
  if (!files.length) return null;
  return (
    <ul className={classes.files} aria-label={label}>
      {files.map((f) => (
        <li key={f.id} className={classes.file}>
          <div className={classes.fileText}>
            <Text size="sm" fw={500}>
              {f.file.name || 'Unnamed file'}
            </Text>
            <Text size="sm" c={f.status === 'failed' ? 'red.8' : 'dimmed'}>
              {formatSize(f.file.size)} · {statusText[f.status]}
              {f.error ? `: ${f.error}` : ''}
            </Text>
          </div>
          {f.status === 'uploading' ? <Loading label={`Uploading ${f.file.name}`} /> : null}
          {onRemove && f.status !== 'uploading' && f.status !== 'done' ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="xl"
              aria-label={`Remove ${f.file.name}`}
              onClick={() => onRemove(f.id)}
            >
              <span aria-hidden="true">✕</span>
            </ActionIcon>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** "2 of 3 files uploaded; 1 did not upload." for a live region. */
export function uploadSummary(files: EvidenceFile[]): string {
  if (!files.length) return '';
  const done = files.filter((f) => f.status === 'done').length;
  const failed = files.filter((f) => f.status === 'failed').length;
  const busy = files.some((f) => f.status === 'uploading' || f.status === 'waiting');
  const total = files.length;
  const noun = total === 1 ? 'file' : 'files';
  if (busy) return `Uploading files: ${done} of ${total} done.`;
  if (failed === 0) return `${done} of ${total} ${noun} uploaded.`;
  return `${done} of ${total} ${noun} uploaded; ${failed} did not upload.`;
}
