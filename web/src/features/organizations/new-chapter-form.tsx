import { type FormEvent } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useCreateChapter } from '../../api/chapters';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { useNameAndSlug } from '../shared/slug';

/** A new chapter of an organization: its name and slug. */
export function NewChapterForm({ orgId }: { orgId: string }) {
  const { name, slug, setName, setSlug } = useNameAndSlug();
  const create = useCreateChapter(orgId);
  const { fieldError, showAlert } = formErrors(create.error, ['name', 'slug'], {
    slug_taken: 'slug',
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, slug },
      {
        onSuccess: () => {
          setName('');
          setSlug('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New chapter">
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={create.error} title="The chapter was not created" /> : null}
        <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput
            label="Chapter name"
            required
            maxLength={120}
            miw={200}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError('name')}
          />
          <TextInput
            label="Chapter slug"
            description="Lowercase letters, digits and hyphens."
            required
            maxLength={60}
            miw={200}
            autoCapitalize="none"
            spellCheck={false}
            value={slug}
            onChange={(e) => setSlug(e.currentTarget.value)}
            error={fieldError('slug')}
          />
        </Group>
        <Group>
          <Button type="submit" variant="default" loading={create.isPending}>
            Create chapter
          </Button>
          <Text size="sm" role="status">
            {create.isSuccess ? `The chapter ${create.data.chapter.name} is created.` : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
