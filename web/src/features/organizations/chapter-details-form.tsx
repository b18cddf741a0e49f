import { useState, type FormEvent } from 'react';
import { Stack, TextInput } from '@mantine/core';
import { useUpdateChapter, type Chapter } from '../../api/chapters';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { SaveButton } from '../shared/save-button';

/** A chapter's name and slug; only what changed is sent. */
export function ChapterDetailsForm({ chapter }: { chapter: Chapter }) {
  const [name, setName] = useState(chapter.name);
  const [slug, setSlug] = useState(chapter.slug);
  const save = useUpdateChapter(chapter.id);
  const { fieldError, showAlert } = formErrors(save.error, ['name', 'slug'], {
    slug_taken: 'slug',
  });
  const change = {
    ...(name !== chapter.name ? { name } : {}),
    ...(slug !== chapter.slug ? { slug } : {}),
  };
  const changed = Object.keys(change).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(change);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Name and slug">
      <Stack gap="md">
        {showAlert ? <ErrorAlert error={save.error} title="The chapter was not changed" /> : null}
        <TextInput
          label="Name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
        />
        <TextInput
          label="Slug"
          description="Lowercase letters, digits and hyphens."
          required
          maxLength={60}
          autoCapitalize="none"
          spellCheck={false}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
          error={fieldError('slug')}
        />
        <SaveButton
          label="Save"
          pending={save.isPending}
          saved={save.isSuccess && !changed}
          disabled={!changed}
        />
      </Stack>
    </form>
  );
}
