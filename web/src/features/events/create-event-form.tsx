import { useState, type FormEvent } from 'react';
import { Alert, Button, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useNavigate } from 'react-router';
import type { Chapter } from '../../api/chapters';
import { useCreateEvent } from '../../api/events';
import type { Organization } from '../../api/organizations';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { useNameAndSlug } from '../shared/slug';
import { firstAdminBody, FirstAdminFields, type FirstAdmin } from './first-admin-fields';

const fields = ['name', 'slug', 'description', 'chapterId', 'firstAdminEmail', 'message'];
const NO_CHAPTER = '';

/**
 * A new event: name, slug (suggested from the name), description, chapter; a system admin may
 * invite its first event admin at once. Where the caller may only propose, it says the event waits
 * for approval. The chapters offered are those the caller may create events in.
 */
export function CreateEventForm({
  organization: org,
  chapters,
  isSystemAdmin,
  initialChapterId,
}: {
  organization: Organization;
  chapters: Chapter[];
  isSystemAdmin: boolean;
  /** The chapter to start with (coming from a chapter's page), if it is one on offer. */
  initialChapterId?: string | null;
}) {
  const navigate = useNavigate();
  const { name, slug, setName, setSlug } = useNameAndSlug();
  const [description, setDescription] = useState('');
  const inOrganization = org.can.createEvent || org.can.proposeEvent;
  const offered = chapters.filter((c) => inOrganization || c.can.createEvent);
  const [chapterId, setChapterId] = useState(
    offered.find((c) => c.id === initialChapterId)?.id ??
      (inOrganization ? NO_CHAPTER : (offered[0]?.id ?? '')),
  );
  const [firstAdmin, setFirstAdmin] = useState<FirstAdmin>({ email: '', message: '' });
  const create = useCreateEvent(org.id);
  const { fieldError, showAlert } = formErrors(create.error, fields, { slug_taken: 'slug' });

  const chapter = offered.find((c) => c.id === chapterId) ?? null;
  const proposal = !org.can.createEvent && org.can.proposeEvent && !chapter?.can.createEvent;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const invite = isSystemAdmin && firstAdmin.email.trim() ? firstAdminBody(firstAdmin) : null;
    create.mutate(
      {
        name,
        slug,
        description,
        chapterId: chapter?.id ?? null,
        ...(invite
          ? {
              firstAdminEmail: invite.email,
              ...(invite.message ? { message: invite.message } : {}),
            }
          : {}),
      },
      { onSuccess: (created) => navigate(`/events/${encodeURIComponent(created.id)}`) },
    );
  };

  const chapterOptions = [
    ...(inOrganization ? [{ value: NO_CHAPTER, label: 'No chapter' }] : []),
    ...offered.map((c) => ({ value: c.id, label: c.name })),
  ];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {proposal ? (
          <Alert color="blue" title="Your event will wait for approval">
            In {org.name}, anyone may propose an event. You prepare it as its event admin; it goes
            public once an organization admin, a chapter leader or a publisher approves it.
          </Alert>
        ) : null}
        {isSystemAdmin ? (
          <Alert color="blue" title="You will not be on the event's team">
            As a system admin you create the event as a draft with no team, and no role in it for
            yourself. Invite the person who will run it now, or later from the event's page.
          </Alert>
        ) : null}
        {showAlert ? <ErrorAlert error={create.error} title="The event was not created" /> : null}
        <TextInput
          label="Name"
          required
          maxLength={160}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
        />
        <TextInput
          label="Address name (slug)"
          description={`The event's public page will be at /e/${slug || 'your-slug'}. Lowercase letters, digits and hyphens.`}
          required
          maxLength={60}
          autoCapitalize="none"
          spellCheck={false}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
          error={fieldError('slug')}
        />
        <Textarea
          label="Description (optional)"
          rows={4}
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError('description')}
        />
        {chapterOptions.length > 1 || (!inOrganization && chapterOptions.length > 0) ? (
          <Select
            label="Chapter"
            description="The chapter the event belongs to, if any."
            data={chapterOptions}
            value={chapterId}
            onChange={(v) => setChapterId(v ?? NO_CHAPTER)}
            allowDeselect={false}
            error={fieldError('chapterId')}
          />
        ) : null}
        {isSystemAdmin ? (
          <FirstAdminFields
            value={firstAdmin}
            onChange={setFirstAdmin}
            emailError={fieldError('firstAdminEmail')}
            messageError={fieldError('message')}
          />
        ) : null}
        <div>
          <Button type="submit" loading={create.isPending}>
            {proposal ? 'Propose event' : 'Create event'}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
