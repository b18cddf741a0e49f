import { useState, type FormEvent } from 'react';
import { Stack, Textarea, TextInput } from '@mantine/core';
import {
  useUpdateOrganization,
  type Organization,
  type OrganizationChange,
} from '../../api/organizations';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { SaveButton } from '../shared/save-button';

const fields = ['name', 'slug', 'description', 'website'] as const;

/** An organization's name, slug, description and website; only what changed is sent. */
export function OrganizationDetailsForm({ organization: o }: { organization: Organization }) {
  const [name, setName] = useState(o.name);
  const [slug, setSlug] = useState(o.slug);
  const [description, setDescription] = useState(o.description);
  const [website, setWebsite] = useState(o.website ?? '');
  const save = useUpdateOrganization(o.id);
  const { fieldError, showAlert } = formErrors(save.error, fields, { slug_taken: 'slug' });

  const change: OrganizationChange = {
    ...(name !== o.name ? { name } : {}),
    ...(slug !== o.slug ? { slug } : {}),
    ...(description !== o.description ? { description } : {}),
    ...((website.trim() || null) !== o.website ? { website: website.trim() || null } : {}),
  };
  const changed = Object.keys(change).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(change);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Details">
      <Stack gap="md">
        {showAlert ? <ErrorAlert error={save.error} title="The details were not saved" /> : null}
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
          description="Part of its web addresses: lowercase letters, digits and hyphens. Links with the old slug stop working."
          required
          maxLength={60}
          autoCapitalize="none"
          spellCheck={false}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
          error={fieldError('slug')}
        />
        <Textarea
          label="Description"
          rows={4}
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError('description')}
        />
        <TextInput
          label="Website"
          type="url"
          placeholder="https://"
          maxLength={500}
          value={website}
          onChange={(e) => setWebsite(e.currentTarget.value)}
          error={fieldError('website')}
        />
        <SaveButton
          label="Save details"
          pending={save.isPending}
          saved={save.isSuccess && !changed}
          disabled={!changed}
        />
      </Stack>
    </form>
  );
}
