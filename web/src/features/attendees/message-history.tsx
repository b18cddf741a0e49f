import { Paper, Spoiler, Stack, Text } from '@mantine/core';
import { useEventMessages } from '../../api/attendees';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { formatInstant } from '../shared/instant';
import { audienceLabel, people } from './attendee-words';
import classes from './attendees.module.css';

/** The messages sent to the event's people, newest first: to whom, by whom, when, and the text. */
export function MessageHistory({ eventId }: { eventId: string }) {
  const messages = useEventMessages(eventId, { enabled: true });
  if (messages.error) {
    return <ErrorAlert error={messages.error} title="The messages could not be loaded" />;
  }
  if (!messages.data) return <Loading label="Loading the messages" />;
  if (messages.data.length === 0) return <Text>No messages sent yet.</Text>;
  return (
    <Stack component="ul" gap="xs" className={classes.list} aria-label="Sent messages">
      {messages.data.map((m) => (
        <Paper component="li" key={m.id} withBorder p="sm" radius="md">
          <Stack gap={4}>
            <Text fw={600} className={classes.wrap}>
              {m.subject}
            </Text>
            <Text size="sm" c="dimmed">
              {`To ${audienceLabel[m.audience].toLowerCase()} (${people(m.recipientCount)}) · by ${m.sentBy?.name ?? 'a former account'} · ${formatInstant(m.sentAt)}`}
            </Text>
            <Spoiler maxHeight={72} showLabel="Show all" hideLabel="Show less">
              <Text size="sm" className={classes.message}>
                {m.body}
              </Text>
            </Spoiler>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
