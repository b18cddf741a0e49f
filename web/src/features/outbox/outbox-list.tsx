import { Accordion, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { OutboxMessage } from '../../api/outbox';
import { formatInstant } from '../shared/instant';
import classes from './outbox-list.module.css';

const statusLabel: Record<OutboxMessage['status'], string> = {
  pending: 'Waiting',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
};

/** The outbox's messages; opening one shows its details and, in development, its text body. */
export function OutboxList({ messages }: { messages: OutboxMessage[] }) {
  return (
    <Accordion variant="separated" order={2} multiple>
      {messages.map((m) => (
        <Accordion.Item key={m.id} value={m.id}>
          <Accordion.Control>
            <Stack gap={4} className={classes.summary}>
              <Text component="span" fw={600} className={classes.wrap}>
                {m.subject}
              </Text>
              <Text component="span" size="sm" className={classes.wrap}>
                To {m.to}
              </Text>
              <Group component="span" gap="xs" wrap="wrap">
                <Badge
                  component="span"
                  variant={m.status === 'failed' ? 'filled' : 'default'}
                  color={m.status === 'failed' ? 'red.9' : undefined}
                >
                  {statusLabel[m.status]}
                </Badge>
                <Text component="span" size="sm" c="dimmed">
                  {m.attempts === 1 ? '1 attempt' : `${m.attempts} attempts`} ·{' '}
                  <time dateTime={m.createdAt}>{formatInstant(m.createdAt)}</time>
                </Text>
              </Group>
            </Stack>
          </Accordion.Control>
          <Accordion.Panel>
            <MessageDetails message={m} />
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function MessageDetails({ message: m }: { message: OutboxMessage }) {
  return (
    <Stack gap="sm">
      <dl className={classes.details}>
        <dt>Kind</dt>
        <dd>
          <code>{m.kind}</code>
        </dd>
        {m.sentAt ? (
          <>
            <dt>{m.deliveredVia === 'log' ? 'Logged' : 'Sent'}</dt>
            <dd>{formatInstant(m.sentAt)}</dd>
          </>
        ) : null}
        {m.nextAttemptAt ? (
          <>
            <dt>Next attempt</dt>
            <dd>{formatInstant(m.nextAttemptAt)}</dd>
          </>
        ) : null}
        {m.lastError ? (
          <>
            <dt>Last error</dt>
            <dd className={classes.wrap}>{m.lastError}</dd>
          </>
        ) : null}
      </dl>
      {m.text !== null ? (
        <figure className={classes.figure} aria-label="Text of the email">
          <pre className={classes.body}>{linkify(m.text)}</pre>
        </figure>
      ) : (
        <Text size="sm" c="dimmed">
          The body is not shown: mail goes through SMTP, and its links are for the recipient alone.
        </Text>
      )}
    </Stack>
  );
}

// Links in a development email are meant to be followed (a verification link, a report).
function linkify(text: string): ReactNode[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) =>
    i % 2 === 1 ? (
      <Anchor key={i} href={part} className={classes.wrap}>
        {part}
      </Anchor>
    ) : (
      part
    ),
  );
}
