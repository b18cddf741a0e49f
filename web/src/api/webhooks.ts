import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

// An event's webhooks for new reports (event admins): Slack, Discord, or signed generic JSON.

export type WebhookFormat = 'slack' | 'discord' | 'generic';
export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled';

export interface WebhookDelivery {
  id: string;
  kind: 'report.submitted' | 'webhook.test';
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

/** A webhook as its event's admins see it (never its signing secret: that is shown once). */
export interface Webhook {
  id: string;
  format: WebhookFormat;
  url: string;
  description: string;
  enabled: boolean;
  signed: boolean;
  createdAt: string;
  /** The latest deliveries, newest first. */
  deliveries: WebhookDelivery[];
}

export interface NewWebhook {
  format: WebhookFormat;
  url: string;
  description: string;
}

const base = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}/webhooks`;
const key = (eventId: string) => ['events', eventId, 'webhooks'] as const;

/** The event's webhooks. While a delivery waits, the list looks again every few seconds. */
export function useWebhooks(eventId: string) {
  return useQuery({
    queryKey: key(eventId),
    queryFn: () => api<{ items: Webhook[] }>(base(eventId)).then((r) => r.items),
    refetchInterval: (query) =>
      query.state.data?.some((w) =>
        w.deliveries.some((d) => d.status === 'pending' || d.status === 'sending'),
      )
        ? 3000
        : false,
  });
}

/**
 * Adds a webhook. A generic one's signing secret exists only in this answer: the caller shows
 * it once, and it never goes into the query cache.
 */
export function useCreateWebhook(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWebhook) =>
      api<{ webhook: Webhook; secret: string | null }>(base(eventId), { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(eventId) }),
  });
}

export type WebhookAction =
  | {
      kind: 'update';
      id: string;
      change: Partial<Pick<Webhook, 'enabled' | 'description' | 'url'>>;
    }
  | { kind: 'test'; id: string }
  | { kind: 'delete'; id: string; reason?: string };

/** Changes, tests or removes one webhook. */
export function useWebhookAction(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: WebhookAction) => {
      const path = `${base(eventId)}/${encodeURIComponent(action.id)}`;
      if (action.kind === 'update') {
        await api(path, { method: 'PATCH', body: action.change });
      } else if (action.kind === 'test') {
        await api(`${path}/test`, { method: 'POST' });
      } else {
        await api(path, {
          method: 'DELETE',
          ...(action.reason ? { body: { reason: action.reason } } : {}),
        });
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key(eventId) }),
  });
}
