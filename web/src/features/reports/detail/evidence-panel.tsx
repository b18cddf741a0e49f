import { useRef, useState, type DragEvent } from 'react';
import { Anchor, Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { ApiError } from '../../../api/client';
import { useDeleteEvidence, useEvidence, useUploadEvidence } from '../../../api/evidence';
import type { Evidence } from '../../../api/report-types';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { ReasonDialog } from '../../../components/reason-dialog';
import { formatInstant } from '../../shared/instant';
import { fileSize, personName } from './words';
import classes from './detail.module.css';

/** A refused upload in plain words; the server's own message adds the limit or the types. */
function uploadError(error: unknown): string {
  const message = error instanceof ApiError ? error.message : 'Something unexpected happened.';
  if (error instanceof ApiError && error.status === 413) {
    return `This file is too large to upload. ${message}`;
  }
  if (error instanceof ApiError && error.status === 415) {
    return `This kind of file is not accepted. ${message}`;
  }
  return message;
}

interface UploadStatus {
  key: number;
  name: string;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
}

/**
 * A report's evidence: the files with who added them and when, each downloadable; adding files
 * by dropping them, choosing them or (on a phone) taking a photo, each with its own status; and
 * deleting where the server allows.
 */
export function EvidencePanel({
  reportId,
  team,
  canUpload,
}: {
  reportId: string;
  team: boolean;
  canUpload: boolean;
}) {
  const evidence = useEvidence(reportId, { enabled: true });
  const [deleting, setDeleting] = useState<Evidence | null>(null);
  return (
    <Stack gap="md">
      {evidence.error ? (
        <ErrorAlert error={evidence.error} title="The evidence could not be loaded" />
      ) : !evidence.data ? (
        <Loading label="Loading the evidence" />
      ) : evidence.data.length === 0 ? (
        <Text>No files yet.</Text>
      ) : (
        <ul className={classes.list} aria-label="Files">
          {evidence.data.map((file) => (
            <Paper component="li" key={file.id} withBorder p="sm" radius="md" mb="sm">
              <Stack gap={4}>
                {file.downloadUrl ? (
                  <Anchor href={file.downloadUrl} download={file.fileName} className={classes.wrap}>
                    {file.fileName}
                  </Anchor>
                ) : (
                  <Text className={classes.wrap}>{file.fileName}</Text>
                )}
                <Text size="sm" c="dimmed">
                  {file.contentType} · {fileSize(file.size)}
                </Text>
                <Text size="sm" c="dimmed" className={classes.wrap}>
                  Added by {uploader(file, team)} on {formatInstant(file.createdAt)}
                </Text>
                {file.can.delete ? (
                  <div>
                    <Button
                      size="sm"
                      variant="outline"
                      color="red.8"
                      aria-label={`Delete ${file.fileName}`}
                      onClick={() => setDeleting(file)}
                    >
                      Delete
                    </Button>
                  </div>
                ) : null}
              </Stack>
            </Paper>
          ))}
        </ul>
      )}
      {canUpload ? <Uploader reportId={reportId} /> : null}
      {deleting ? (
        <DeleteEvidenceDialog
          reportId={reportId}
          file={deleting}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </Stack>
  );
}

function uploader(file: Evidence, team: boolean): string {
  if (file.byReporter) {
    if (!team) return 'you';
    return file.uploadedBy ? `${file.uploadedBy.name} (the reporter)` : 'the anonymous reporter';
  }
  return personName(file.uploadedBy);
}

function Uploader({ reportId }: { reportId: string }) {
  const send = useUploadEvidence(reportId);
  const [statuses, setStatuses] = useState<UploadStatus[]>([]);
  const [over, setOver] = useState(false);
  const next = useRef(0);
  const resetPicker = useRef<() => void>(null);
  const resetCamera = useRef<() => void>(null);
  const phone = useMediaQuery('(pointer: coarse)');

  const set = (key: number, change: Partial<UploadStatus>) =>
    setStatuses((all) => all.map((s) => (s.key === key ? { ...s, ...change } : s)));

  // One file after another: a phone's connection in a hallway is slow enough already.
  const uploadAll = async (files: File[]) => {
    resetPicker.current?.();
    resetCamera.current?.();
    if (files.length === 0) return;
    const started = files.map((file) => ({
      file,
      status: { key: next.current++, name: file.name, state: 'uploading' as const },
    }));
    setStatuses((all) => [...started.map((s) => s.status), ...all]);
    for (const { file, status } of started) {
      try {
        await send.mutateAsync(file);
        set(status.key, { state: 'done' });
      } catch (error) {
        set(status.key, { state: 'failed', error: uploadError(error) });
      }
    }
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void uploadAll([...event.dataTransfer.files]);
  };

  return (
    <Stack gap="sm">
      <div
        className={`${classes.dropzone} ${over ? classes.dropzoneActive : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            {phone
              ? 'Add photos, screenshots or documents.'
              : 'Drop files here, or choose them. Photos, screenshots and documents help the team.'}
          </Text>
          <Group gap="sm" wrap="wrap">
            <FileButton
              multiple
              onChange={(files) => void uploadAll(files)}
              resetRef={resetPicker}
              inputProps={{ 'aria-label': 'Choose files' }}
            >
              {(props) => (
                <Button {...props} variant="default">
                  Choose files
                </Button>
              )}
            </FileButton>
            {phone ? (
              <FileButton
                accept="image/*"
                capture="environment"
                onChange={(file) => void uploadAll(file ? [file] : [])}
                resetRef={resetCamera}
                inputProps={{ 'aria-label': 'Take a photo' }}
              >
                {(props) => (
                  <Button {...props} variant="default">
                    Take a photo
                  </Button>
                )}
              </FileButton>
            ) : null}
          </Group>
        </Stack>
      </div>
      <ul className={classes.list} aria-label="Uploads" aria-live="polite">
        {statuses.map((s) => (
          <li key={s.key}>
            <Text
              size="sm"
              className={classes.wrap}
              c={s.state === 'failed' ? 'red.8' : undefined}
              fw={s.state === 'failed' ? 600 : undefined}
            >
              {s.name}:{' '}
              {s.state === 'uploading' ? 'uploading…' : s.state === 'done' ? 'added.' : s.error}
            </Text>
          </li>
        ))}
      </ul>
    </Stack>
  );
}

function DeleteEvidenceDialog({
  reportId,
  file,
  onClose,
}: {
  reportId: string;
  file: Evidence;
  onClose: () => void;
}) {
  const remove = useDeleteEvidence(reportId);
  return (
    <ReasonDialog
      title={`Delete ${file.fileName}?`}
      explanation="The file is removed from the report, for everyone who can see it."
      confirmLabel="Delete file"
      danger
      withReason={false}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(file.id, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}
