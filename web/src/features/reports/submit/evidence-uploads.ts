import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { uploadEvidence, type EvidenceTarget } from '../../../api/report-submission';

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed';

/** A file chosen as evidence, and how its upload went. */
export interface EvidenceFile {
  id: string;
  file: File;
  status: UploadStatus;
  /** Why it did not upload, in words a person can act on. */
  error: string | null;
}

let nextId = 0;

function whyNot(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return 'Steward could not be reached.';
    if (error.status === 413 || error.status === 415) return error.message;
    if (error.status >= 500) return 'Something went wrong on our side.';
    return error.message;
  }
  return 'Something unexpected happened.';
}

/**
 * Files chosen for a report, uploaded one by one once the report exists. A file that fails keeps
 * its place with the reason and can be tried again; the report itself is never at stake.
 */
export function useEvidenceUploads() {
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  // The list as of the last change, for the upload loop (which outlives renders).
  const current = useRef<EvidenceFile[]>([]);
  const running = useRef(false);

  const update = useCallback((change: (list: EvidenceFile[]) => EvidenceFile[]) => {
    current.current = change(current.current);
    setFiles(current.current);
  }, []);

  const add = useCallback(
    (chosen: File[]) => {
      if (!chosen.length) return;
      update((list) => [
        ...list,
        ...chosen.map((file) => ({
          id: `file-${++nextId}`,
          file,
          status: 'waiting' as const,
          error: null,
        })),
      ]);
    },
    [update],
  );

  const remove = useCallback(
    (id: string) => update((list) => list.filter((f) => f.id !== id)),
    [update],
  );

  const set = useCallback(
    (id: string, status: UploadStatus, error: string | null = null) =>
      update((list) => list.map((f) => (f.id === id ? { ...f, status, error } : f))),
    [update],
  );

  /** Uploads every file not yet uploaded (waiting or failed), one at a time. */
  const uploadAll = useCallback(
    async (target: EvidenceTarget) => {
      if (running.current) return;
      running.current = true;
      try {
        const todo = current.current.filter((f) => f.status === 'waiting' || f.status === 'failed');
        for (const item of todo) {
          // Removed meanwhile (only possible before sending): skip it.
          if (!current.current.some((f) => f.id === item.id)) continue;
          set(item.id, 'uploading');
          try {
            await uploadEvidence(target, item.file);
            set(item.id, 'done');
          } catch (error) {
            set(item.id, 'failed', whyNot(error));
          }
        }
      } finally {
        running.current = false;
      }
    },
    [set],
  );

  /** Forgets the files that made it, keeping the failed ones (after a follow-up upload). */
  const clearDone = useCallback(
    () => update((list) => list.filter((f) => f.status !== 'done')),
    [update],
  );

  const reset = useCallback(() => update(() => []), [update]);

  return { files, add, remove, uploadAll, clearDone, reset };
}

export type EvidenceUploads = ReturnType<typeof useEvidenceUploads>;

/** A size in words: "820 bytes", "12 KB", "3.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
