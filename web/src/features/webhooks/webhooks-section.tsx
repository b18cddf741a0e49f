import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import {
  useCreateWebhook,
  useWebhookAction,
  useWebhooks,
  type DeliveryStatus,
  type Webhook,
  type WebhookDelivery,
  type WebhookFormat,
} from '../../api/webhooks';
import { ErrorAlert } from '../../components/error-alert';
import { ShownOnceField } from '../../components/shown-once-field';
import { formErrors } from '../../components/form-errors';
import { Loading } from '../../components/loading';
import { ReasonDialog } from '../../components/reason-dialog';
import { formatInstant } from '../shared/instant';

const formats: { value: WebhookFormat; label: string; help: string; placeholder: string }[] = [
  {
    value: 'slack',
    label: 'Slack',
    help: 'In Slack, add the Incoming Webhooks app to a channel and paste the address it gives (https://hooks.slack.com/services/…).',
    placeholder: 'https://hooks.slack.com/services/…',
  },
  {
    value: 'discord',
    label: 'Discord',
    help: 'In Discord, open the channel’s settings → Integrations → Webhooks → New Webhook, and paste its URL (https://discord.com/api/webhooks/…).',
    placeholder: 'https://discord.com/api/webhooks/…',
  },
  {
    value: 'generic',
    label: 'Generic JSON',
    help: 'JSON posted to your own https address, signed with a secret (the X-Steward-Signature header) that is shown once when you add it.',
    placeholder: 'https://example.org/steward-webhook',
  },
];

const formatLabel = (format: WebhookFormat) => formats.find((f) => f.value === format)!.label;

const statusText: Record<DeliveryStatus, string> = {
  pending: 'Waiting',
  sending: 'Sending',
  delivered: 'Delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
// Dark shades keep white text at AA contrast.
const statusColor: Record<DeliveryStatus, string> = {
  pending: 'blue.9',
  sending: 'blue.9',
  delivered: 'teal.9',
  failed: 'red.9',
  cancelled: 'gray.8',
};

/**
 * An event's webhooks for new reports: the list with each one's latest deliveries, switching
 * them on and off, a test, removal, and adding one (its signing secret shown once).
 */
export function WebhooksSection({ eventId }: { eventId: string }) {
  const query = useWebhooks(eventId);
  // The secret of the webhook just added: in this component only, gone once dismissed.
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <Stack gap="md">
      <Text size="sm">
        Tell a chat channel or your own system the moment a report comes in. A webhook says which
        event, the report’s number, type and a link to it — never who reported or what happened.
      </Text>
      {secret ? <NewSecret secret={secret} onDone={() => setSecret(null)} /> : null}
      {query.error ? (
        <ErrorAlert error={query.error} title="The webhooks could not be loaded" />
      ) : !query.data ? (
        <Loading label="Loading the webhooks" />
      ) : query.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No webhooks yet.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {query.data.map((webhook) => (
            <li key={webhook.id}>
              <WebhookItem eventId={eventId} webhook={webhook} />
            </li>
          ))}
        </Stack>
      )}
      <AddWebhookForm eventId={eventId} onSecret={setSecret} />
    </Stack>
  );
}

function WebhookItem({ eventId, webhook }: { eventId: string; webhook: Webhook }) {
  const action = useWebhookAction(eventId);
  const [removing, setRemoving] = useState(false);
  const name = webhook.description || `${formatLabel(webhook.format)} webhook`;
  const [last] = webhook.deliveries;
  return (
    <Paper withBorder p="sm" radius="md" aria-label={name} component="article">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600}>{name}</Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {formatLabel(webhook.format)} · {webhook.url}
            </Text>
          </Stack>
          <Switch
            label="Sends new reports"
            checked={webhook.enabled}
            disabled={action.isPending}
            onChange={(e) =>
              action.mutate({
                kind: 'update',
                id: webhook.id,
                change: { enabled: e.currentTarget.checked },
              })
            }
          />
        </Group>
        <Text size="sm">
          {last ? (
            <>
              Latest: <DeliveryLine delivery={last} />
            </>
          ) : (
            'Nothing sent yet.'
          )}
        </Text>
        {webhook.deliveries.length > 1 ? (
          <details>
            <summary>
              <Text span size="sm">
                Earlier deliveries
              </Text>
            </summary>
            <Stack gap={4} component="ul" mt={4} style={{ paddingLeft: '1rem' }}>
              {webhook.deliveries.slice(1).map((d) => (
                <Text key={d.id} size="sm" component="li">
                  <DeliveryLine delivery={d} />
                </Text>
              ))}
            </Stack>
          </details>
        ) : null}
        {action.error && !removing ? (
          <ErrorAlert error={action.error} title="Nothing was changed" />
        ) : null}
        <Group gap="sm">
          <Button
            variant="default"
            size="xs"
            disabled={!webhook.enabled}
            loading={action.isPending && action.variables?.kind === 'test'}
            onClick={() => action.mutate({ kind: 'test', id: webhook.id })}
          >
            Send a test
          </Button>
          <Button variant="default" size="xs" color="red.8" onClick={() => setRemoving(true)}>
            Remove
          </Button>
        </Group>
        {!webhook.enabled ? (
          <Text size="xs" c="dimmed">
            Off: new reports are not sent here.
          </Text>
        ) : null}
      </Stack>
      {removing ? (
        <ReasonDialog
          title={`Remove ${name}?`}
          explanation="New reports will no longer be sent there. Its delivery history goes with it."
          confirmLabel="Remove webhook"
          danger
          pending={action.isPending}
          error={action.error}
          onConfirm={(reason) =>
            action.mutate(
              {
                kind: 'delete',
                id: webhook.id,
                ...(reason.trim() ? { reason: reason.trim() } : {}),
              },
              { onSuccess: () => setRemoving(false) },
            )
          }
          onClose={() => {
            action.reset();
            setRemoving(false);
          }}
        />
      ) : null}
    </Paper>
  );
}

function DeliveryLine({ delivery }: { delivery: WebhookDelivery }) {
  const what = delivery.kind === 'webhook.test' ? 'test' : 'new report';
  const when = formatInstant(delivery.deliveredAt ?? delivery.createdAt);
  const detail =
    delivery.status === 'delivered'
      ? null
      : [
          delivery.lastError,
          delivery.attempts > 0
            ? `${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}`
            : null,
          delivery.nextAttemptAt && delivery.status === 'pending' && delivery.attempts > 0
            ? `next at ${formatInstant(delivery.nextAttemptAt)}`
            : null,
        ]
          .filter(Boolean)
          .join(', ');
  return (
    <>
      <Badge component="span" variant="filled" color={statusColor[delivery.status]}>
        {statusText[delivery.status]}
      </Badge>{' '}
      {what}, {when}
      {detail ? ` (${detail})` : ''}
    </>
  );
}

function AddWebhookForm({
  eventId,
  onSecret,
}: {
  eventId: string;
  onSecret: (secret: string | null) => void;
}) {
  const [format, setFormat] = useState<WebhookFormat>('slack');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [added, setAdded] = useState(false);
  const create = useCreateWebhook(eventId);
  const { fieldError, showAlert } = formErrors(create.error, ['format', 'url', 'description']);
  const chosen = formats.find((f) => f.value === format)!;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    onSecret(null);
    create.mutate(
      { format, url: url.trim(), description: description.trim() },
      {
        onSuccess: (answer) => {
          setUrl('');
          setDescription('');
          setAdded(true);
          onSecret(answer.secret);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add a webhook">
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={create.error} title="No webhook was added" /> : null}
        <Radio.Group
          label="Kind of webhook"
          value={format}
          onChange={(v) => setFormat(v as WebhookFormat)}
          description={chosen.help}
          error={fieldError('format')}
        >
          <Group gap="md" mt={4}>
            {formats.map((f) => (
              <Radio key={f.value} value={f.value} label={f.label} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput
          label="Webhook address"
          required
          type="url"
          inputMode="url"
          placeholder={chosen.placeholder}
          maxLength={2000}
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={fieldError('url')}
        />
        <TextInput
          label="Description (optional)"
          description="For the team: which channel or system it reaches."
          maxLength={200}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError('description')}
        />
        <Group gap="sm">
          <Button type="submit" loading={create.isPending}>
            Add webhook
          </Button>
          {added ? (
            <Text size="sm" role="status">
              Added.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

/** A generic webhook's signing secret, shown this once with a copy button. */
function NewSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <Alert color="green" title="The webhook’s signing secret" role="status">
      <Stack gap="sm">
        <Text size="sm">
          Your receiver checks each delivery’s X-Steward-Signature with this secret.{' '}
          <strong>Copy it now: it will not be shown again.</strong>
        </Text>
        <ShownOnceField
          label="Signing secret"
          value={secret}
          copyLabel="Copy secret"
          onDone={onDone}
          monospace
        />
      </Stack>
    </Alert>
  );
}
