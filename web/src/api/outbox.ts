import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';

/** One message of the email outbox, as `GET /api/admin/outbox` describes it. */
export interface OutboxMessage {
  id: string;
  kind: string;
  to: string;
  subject: string;
  /** The plain text body; null when mail goes through SMTP (bodies are not shown then). */
  text: string | null;
  userId: string | null;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredVia: 'smtp' | 'log' | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxPage {
  delivery: 'smtp' | 'development';
  items: OutboxMessage[];
  page: number;
  pageSize: number;
  total: number;
}

export const outboxKey = (page: number) => ['admin', 'outbox', page] as const;

/** One page of the email outbox (system admins only). */
export function useOutbox(page: number, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: outboxKey(page),
    queryFn: () => api<OutboxPage>(`/api/admin/outbox?page=${page}`),
    placeholderData: keepPreviousData,
  });
}
