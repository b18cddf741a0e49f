import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, upload } from './client';
import type { Evidence } from './report-types';
import { reportKey } from './report-detail';

// A report's evidence files: the list, uploads (the file itself as the request body; the server
// reads its type from its bytes) and deletion.

const evidenceKey = (reportId: string) => [...reportKey(reportId), 'evidence'] as const;
const evidencePath = (reportId: string) => `/api/reports/${encodeURIComponent(reportId)}/evidence`;

export function useEvidence(reportId: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: evidenceKey(reportId),
    queryFn: () => api<{ items: Evidence[] }>(evidencePath(reportId)).then((r) => r.items),
  });
}

/** Uploads one file (413: too large; 415: a type the server does not take). */
export function useUploadEvidence(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      upload<{ evidence: Evidence }>(
        `${evidencePath(reportId)}?name=${encodeURIComponent(file.name)}`,
        file,
        // A file the browser cannot name a type for still goes: the server looks at its bytes.
        { method: 'POST', contentType: file.type || 'application/octet-stream' },
      ).then((r) => r.evidence),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evidenceKey(reportId) }),
  });
}

export function useDeleteEvidence(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/evidence/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evidenceKey(reportId) }),
  });
}
