import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useCreateOrganization } from '../../api/organizations';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';
import { useNameAndSlug } from '../shared/slug';

const fields = ['name', 'slug', 'description', 'website', 'firstAdminEmail', 'message'] as const;

/** A new organization, and the invitation of its first org_admin (system admins). */
export function NewOrganizationForm() {
  const navigate = useNavigate();
  const { name, slug, setName, setSlug } = useNameAndSlug();
  const [description, setDescription] = useState('');
  const [website, setWebsite] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const create = useCreateOrganization();
  const { fieldError, showAlert } = formErrors(create.error, fields, { slug_taken: 'slug' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        name,
        slug,
        description,
        website: website.trim() || null,
        firstAdminEmail: email,
        ...(message.trim() ? { message } : {}),
      },
      {
        onSuccess: ({ organization }) => navigate(`/orgs/${encodeURIComponent(organization.id)}`),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {showAlert ? (
          <ErrorAlert error={create.error} title="The organization was not created" />
        ) : null}
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
          description="Part of its web addresses: lowercase letters, digits and hyphens."
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
          rows={3}
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
        <TextInput
          label="Email of its first organization admin"
          description="They receive an invitation to manage the organization."
          type="email"
          required
          autoComplete="off"
          maxLength={320}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError('firstAdminEmail')}
        />
        <Textarea
          label="Personal message (optional)"
          description="Included in the invitation email."
          rows={2}
          maxLength={1000}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          error={fieldError('message')}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Create organization
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
