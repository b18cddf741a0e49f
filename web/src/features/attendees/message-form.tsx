import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  audienceSize,
  useSendMessage,
  type MessageAudience,
  type NewMessage,
} from '../../api/attendees';
import { ApiError } from '../../api/client';
import type { RsvpSummary } from '../../api/rsvps';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { ReasonDialog } from '../../components/reason-dialog';
import { audienceLabel, people } from './attendee-words';

const audiences = Object.keys(audienceLabel) as MessageAudience[];

/**
 * A message to the people who RSVP'd, by email through Steward: the audience, a subject and
 * the text; sent after a confirmation that says how many people it reaches now.
 */
export function MessageForm({ eventId, summary }: { eventId: string; summary: RsvpSummary }) {
  const [audience, setAudience] = useState<MessageAudience>('everyone');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [confirming, setConfirming] = useState<NewMessage | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const send = useSendMessage(eventId);
  const fields = ['audience', 'subject', 'body'];
  const { fieldError, showAlert } = formErrors(confirming ? null : send.error, fields);
  const reach = audienceSize(summary, audience);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    send.reset();
    setConfirming({ audience, subject, body });
  };
  const confirm = () => {
    if (!confirming) return;
    send.mutate(confirming, {
      onSuccess: (message) => {
        setConfirming(null);
        setSubject('');
        setBody('');
        setSent(`Sent to ${people(message.recipientCount)}.`);
      },
      // Field errors show at their fields: back to the form. Others show in the dialog.
      onError: (error) => {
        if (error instanceof ApiError && error.details.length > 0) setConfirming(null);
      },
    });
  };

  // The dialog stays outside the form: its own form's submit would bubble (through the portal, in
  // React's tree) to this one.
  return (
    <>
      <form onSubmit={submit} noValidate aria-label="Message attendees">
        <Stack gap="sm">
          <Text size="sm">
            Each person gets their own email from Steward: nobody sees anyone else’s address, and
            you do not see theirs. Replies go to Steward’s sending address, not to you or to the
            others, so say in the message how to reach you (the event’s contact address, for
            example). Each email also carries the person’s link to cancel their RSVP.
          </Text>
          {showAlert ? <ErrorAlert error={send.error} title="The message was not sent" /> : null}
          <NativeSelect
            label="To"
            data={audiences.map((a) => ({ value: a, label: audienceLabel[a] }))}
            value={audience}
            onChange={(e) => setAudience(e.currentTarget.value as MessageAudience)}
            description={`${people(reach)} now.`}
            error={fieldError('audience')}
          />
          <TextInput
            label="Subject"
            required
            maxLength={150}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            error={fieldError('subject')}
          />
          <Textarea
            label="Message"
            description="Plain text. A blank line starts a new paragraph."
            required
            rows={8}
            maxLength={10_000}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={fieldError('body')}
          />
          <Group gap="sm">
            <Button type="submit" disabled={reach === 0}>
              Send…
            </Button>
            <Text size="sm" role="status">
              {reach === 0 ? 'Nobody is in this audience yet.' : (sent ?? '')}
            </Text>
          </Group>
        </Stack>
      </form>
      {confirming ? (
        <ReasonDialog
          title={`Send this message to ${people(reach)}?`}
          explanation={`“${confirming.subject.trim() || '(no subject)'}” goes by email to ${audienceLabel[confirming.audience].toLowerCase()}: ${people(reach)} now. It cannot be called back.`}
          confirmLabel={`Send to ${people(reach)}`}
          pending={send.isPending}
          error={send.error}
          withReason={false}
          onConfirm={confirm}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </>
  );
}
