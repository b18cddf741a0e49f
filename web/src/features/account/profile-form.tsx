import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { updateSessionUser, type SessionUser } from '../../api/session';
import { ErrorAlert } from '../../components/error-alert';
import { formErrors } from '../../components/form-errors';

interface Profile {
  id: string;
  name: string;
  email: string;
  pronouns: string | null;
  twoFactorEnabled: boolean;
}

/** Name and pronouns, as others see them. */
export function ProfileForm({ user }: { user: SessionUser }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [pronouns, setPronouns] = useState(user.pronouns ?? '');
  const save = useMutation({
    mutationFn: () =>
      api<{ user: Profile }>('/api/account', {
        method: 'PATCH',
        body: { name, pronouns: pronouns.trim() === '' ? null : pronouns },
      }),
    onSuccess: ({ user: saved }) => {
      updateSessionUser(queryClient, { name: saved.name, pronouns: saved.pronouns });
      setName(saved.name);
      setPronouns(saved.pronouns ?? '');
    },
  });
  const { fieldError, showAlert } = formErrors(save.error, ['name', 'pronouns']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const edit = (set: (v: string) => void) => (e: { currentTarget: { value: string } }) => {
    set(e.currentTarget.value);
    if (save.isSuccess) save.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {showAlert ? <ErrorAlert error={save.error} title="Your profile was not saved" /> : null}
        <TextInput
          label="Name"
          autoComplete="name"
          required
          value={name}
          onChange={edit(setName)}
          error={fieldError('name')}
        />
        <TextInput
          label="Pronouns"
          description="Optional, for example she/her, he/him or they/them"
          value={pronouns}
          onChange={edit(setPronouns)}
          error={fieldError('pronouns')}
        />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            Save profile
          </Button>
          <Text size="sm" role="status">
            {save.isSuccess ? 'Saved.' : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
