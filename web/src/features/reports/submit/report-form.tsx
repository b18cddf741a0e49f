import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Chip,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client';
import type { PublicEvent } from '../../../api/events';
import { useSubmitReport } from '../../../api/report-submission';
import type { ContactPreference, NewReport, SubmittedReport } from '../../../api/report-types';
import { ErrorAlert } from '../../../components/error-alert';
import { formErrors } from '../../../components/form-errors';
import { withNext } from '../../auth/next-path';
import { formatInstant } from '../../shared/instant';
import {
  clearDraft,
  emptyDraft,
  hasContent,
  loadDraft,
  saveDraft,
  type ReportDraft,
} from './draft';
import { EvidencePicker } from './evidence-picker';
import type { EvidenceUploads } from './evidence-uploads';
import { wallTimeIn, wallTimeToIso } from '../../shared/zoned-time';

const fields = [
  'title',
  'description',
  'type',
  'incidentAt',
  'location',
  'parties',
  'contactPreference',
  'contactDetails',
  'anonymous',
] as const;

const contactLabels: Record<ContactPreference, string> = {
  email: 'By email (your account’s address)',
  phone: 'By phone',
  in_person: 'In person, at the event',
  none: 'No contact',
};

/** A report type as a label: "harassment" → "Harassment". */
export const typeLabel = (type: string) => type.charAt(0).toUpperCase() + type.slice(1);

/** A failure worth retrying as it is: no connection, or a failure on the server's side. */
const retryable = (error: unknown) =>
  error instanceof ApiError && (error.status === 0 || error.status >= 500);

/**
 * The report form. What the person writes is kept on this device as they type (files not), with
 * one idempotency key per draft: sending again after a failure can never make a second report.
 */
export function ReportForm({
  event,
  signedIn,
  uploads,
  onSent,
}: {
  event: PublicEvent;
  signedIn: boolean;
  uploads: EvidenceUploads;
  onSent: (answer: SubmittedReport, body: NewReport) => void;
}) {
  const slug = event.slug;
  const [restored] = useState(() => loadDraft(slug));
  const [draft, setDraft] = useState<ReportDraft>(() => restored ?? emptyDraft());
  const [showRestored, setShowRestored] = useState(() => restored !== null && hasContent(restored));
  // "Now" on the event's clock when the form opened: the time unless the person changes it.
  const [openedAt] = useState(() => wallTimeIn(event.timeZone));
  const [more, setMore] = useState(() =>
    Boolean(restored && (restored.location.trim() || restored.parties.trim())),
  );
  const [missing, setMissing] = useState<Partial<Record<string, string>>>({});
  const submit = useSubmitReport(event.eventId);
  const titleRef = useRef<HTMLInputElement>(null);
  const moreId = useId();
  const typeLegendId = useId();
  const typeErrorId = useId();

  useEffect(() => {
    saveDraft(slug, { ...draft, savedAt: new Date().toISOString() });
  }, [slug, draft]);

  const canChooseAnonymous = signedIn && event.reportIntake === 'anonymous';
  const anonymous = !signedIn || (canChooseAnonymous && draft.anonymous);
  const contactChoices: ContactPreference[] = anonymous
    ? ['none', 'phone', 'in_person']
    : ['email', 'phone', 'in_person', 'none'];
  const contact: ContactPreference =
    draft.contactPreference && contactChoices.includes(draft.contactPreference)
      ? draft.contactPreference
      : contactChoices[0]!;
  const needsDetails = contact === 'phone' || contact === 'in_person';
  const type = draft.type || (event.reportTypes.length === 1 ? event.reportTypes[0]! : '');
  const incidentAt = draft.incidentAt ?? openedAt;

  const { fieldError: serverError, showAlert } = formErrors(submit.error, fields);
  const fieldError = (field: string) => missing[field] ?? serverError(field);
  const failedToReach = retryable(submit.error);

  // A server error about a field behind "More details" opens it, so the message is seen.
  const hiddenError = Boolean(serverError('location') || serverError('parties'));
  const showMore = more || hiddenError;

  const set =
    <K extends keyof ReportDraft>(key: K) =>
    (value: ReportDraft[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      if (missing[key]) setMissing((m) => ({ ...m, [key]: undefined }));
    };

  const body = (): NewReport => ({
    idempotencyKey: draft.idempotencyKey,
    title: draft.title.trim(),
    description: draft.description.trim(),
    type,
    incidentAt: wallTimeToIso(incidentAt, event.timeZone),
    location: draft.location.trim(),
    parties: draft.parties.trim(),
    contactPreference: contact,
    contactDetails: needsDetails ? draft.contactDetails.trim() : '',
    anonymous,
  });

  const send = () => {
    const report = body();
    const gaps: Record<string, string> = {};
    if (!report.title) gaps.title = 'Give the report a short title';
    if (!report.description) gaps.description = 'Describe what happened';
    if (!report.type) gaps.type = 'Choose a type';
    setMissing(gaps);
    if (Object.keys(gaps).length) return;
    submit.mutate(report, {
      onSuccess: (answer) => {
        clearDraft(slug);
        onSent(answer, report);
      },
    });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send();
  };

  const startOver = () => {
    clearDraft(slug);
    setDraft(emptyDraft());
    setMissing({});
    setMore(false);
    setShowRestored(false);
    submit.reset();
    uploads.reset();
    titleRef.current?.focus();
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Your report">
      <Stack gap="sm">
        {showRestored && restored ? (
          <Alert color="blue" title="We kept what you wrote" role="status">
            <Stack gap="xs">
              <Text size="sm">
                Your draft from {formatInstant(restored.savedAt)} is back. Files are not kept in a
                draft: add them again if you had chosen any.
              </Text>
              <Group gap="sm">
                <Button variant="default" onClick={startOver}>
                  Start over
                </Button>
                <Button variant="subtle" onClick={() => setShowRestored(false)}>
                  Keep going
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}

        {failedToReach ? (
          <Alert color="red" title="Your report has not been sent yet" role="alert">
            <Stack gap="xs">
              <Text size="sm">
                {submit.error instanceof ApiError && submit.error.status === 0
                  ? 'Steward could not be reached. '
                  : 'Something went wrong on our side. '}
                Nothing is lost: everything you wrote is still here. Trying again never sends it
                twice.
              </Text>
              <div>
                <Button onClick={send} loading={submit.isPending}>
                  Try again
                </Button>
              </div>
            </Stack>
          </Alert>
        ) : showAlert ? (
          <ErrorAlert error={submit.error} title="Your report was not sent" />
        ) : null}

        <TextInput
          ref={titleRef}
          label="Title"
          description="A few words, such as “Unwanted touching at the party”."
          required
          maxLength={200}
          value={draft.title}
          onChange={(e) => set('title')(e.currentTarget.value)}
          error={fieldError('title')}
        />
        <Textarea
          label="What happened"
          description="In your own words. Markdown works, plain text is fine."
          required
          rows={4}
          maxLength={20_000}
          value={draft.description}
          onChange={(e) => set('description')(e.currentTarget.value)}
          error={fieldError('description')}
        />

        <fieldset
          style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
          aria-describedby={fieldError('type') ? typeErrorId : undefined}
        >
          <Text component="legend" size="sm" fw={500} id={typeLegendId} mb={4}>
            Type{' '}
            <Text span c="red.8" aria-hidden="true">
              *
            </Text>
          </Text>
          <Chip.Group value={type} onChange={(v) => set('type')(v as string)}>
            <Group gap="xs">
              {event.reportTypes.map((t) => (
                <Chip key={t} value={t} type="radio" name="type" size="md">
                  {typeLabel(t)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {fieldError('type') ? (
            <Text id={typeErrorId} size="sm" c="red.8" mt={4}>
              {fieldError('type')}
            </Text>
          ) : null}
        </fieldset>

        <TextInput
          type="datetime-local"
          label="When"
          description={`Time at the event (${event.timeZone}). Change it if it was earlier.`}
          value={incidentAt}
          max={wallTimeIn(event.timeZone)}
          onChange={(e) => set('incidentAt')(e.currentTarget.value)}
          error={fieldError('incidentAt')}
        />

        {anonymous ? (
          <Text size="sm">
            {signedIn ? (
              'This report will not carry your name.'
            ) : (
              <>
                You are not signed in, so this report is anonymous: the team will not know who sent
                it unless you say.{' '}
                <Anchor
                  component={Link}
                  to={withNext('/sign-in', `/e/${encodeURIComponent(slug)}/report`)}
                >
                  Sign in instead
                </Anchor>
                .
              </>
            )}{' '}
            After sending you get a private link to follow it.
          </Text>
        ) : null}
        {canChooseAnonymous ? (
          <Checkbox
            label="Send without my name"
            description="The team will not see who you are. You follow the report with a private link instead of your account."
            checked={draft.anonymous}
            onChange={(e) => set('anonymous')(e.currentTarget.checked)}
            error={fieldError('anonymous')}
          />
        ) : null}

        <NativeSelect
          label="How may the team reach you?"
          value={contact}
          data={contactChoices.map((c) => ({
            value: c,
            label: anonymous && c === 'none' ? 'Only through my private link' : contactLabels[c],
          }))}
          onChange={(e) => set('contactPreference')(e.currentTarget.value as ContactPreference)}
          error={fieldError('contactPreference')}
        />
        {needsDetails ? (
          <TextInput
            type={contact === 'phone' ? 'tel' : 'text'}
            autoComplete={contact === 'phone' && !anonymous ? 'tel' : 'off'}
            label={contact === 'phone' ? 'Your phone number' : 'How can they find you?'}
            description={
              anonymous
                ? 'What you write here may tell the team who you are.'
                : contact === 'in_person'
                  ? 'For example your badge name, or where you will be.'
                  : undefined
            }
            maxLength={500}
            value={draft.contactDetails}
            onChange={(e) => set('contactDetails')(e.currentTarget.value)}
            error={fieldError('contactDetails')}
          />
        ) : null}

        <div>
          <Button
            variant="subtle"
            px={0}
            aria-expanded={showMore}
            aria-controls={showMore ? moreId : undefined}
            onClick={() => setMore(!showMore)}
            disabled={hiddenError}
          >
            {showMore ? 'Fewer details' : 'More details: where, who was involved'}
          </Button>
        </div>
        {showMore ? (
          <Stack gap="sm" id={moreId}>
            <TextInput
              label="Where"
              description="A room, a place, or online."
              maxLength={500}
              value={draft.location}
              onChange={(e) => set('location')(e.currentTarget.value)}
              error={fieldError('location')}
            />
            <Textarea
              label="Who was involved"
              description="Names or descriptions of the people involved and of any witnesses."
              rows={2}
              maxLength={2000}
              value={draft.parties}
              onChange={(e) => set('parties')(e.currentTarget.value)}
              error={fieldError('parties')}
            />
          </Stack>
        ) : null}

        <EvidencePicker
          uploads={uploads}
          disabled={submit.isPending}
          hint="Photos, videos, recordings, PDF or text, or drop files here. They are sent right after the report, and are not kept in your draft."
        />

        <Button type="submit" size="lg" fullWidth loading={submit.isPending}>
          Send report
        </Button>
        <Group gap="xs" align="center">
          <Text size="sm" c="dimmed" style={{ flex: 1, minWidth: 200 }}>
            What you write is kept on this device until you send it, so nothing is lost if you close
            the page.
          </Text>
          {hasContent(draft) ? (
            <Button variant="subtle" onClick={startOver}>
              Discard draft
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
