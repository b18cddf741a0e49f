import { useState, type FormEvent } from 'react';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';

const MIN_PASSWORD = 12;

interface Fields {
  name: string;
  email: string;
  password: string;
}

/** The same rules the server applies, checked first so a person gets answers as they go. */
export function validateSetup(fields: Fields): Partial<Record<keyof Fields, string>> {
  const errors: Partial<Record<keyof Fields, string>> = {};
  if (!fields.name.trim()) errors.name = 'Enter your name';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email.trim()))
    errors.email = 'Enter a valid email address';
  if (fields.password.length < MIN_PASSWORD)
    errors.password = `Use at least ${MIN_PASSWORD} characters`;
  return errors;
}

/** Creates the first system admin with the token of the setup link. */
export function SetupForm({ token, onDone }: { token: string; onDone: () => void }) {
  const [fields, setFields] = useState<Fields>({ name: '', email: '', password: '' });
  const [clientErrors, setClientErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const setup = useMutation({
    mutationFn: () => api<unknown>('/api/setup', { method: 'POST', body: { token, ...fields } }),
    onSuccess: onDone,
  });
  const serverError = setup.error instanceof ApiError ? setup.error : null;
  const errorFor = (field: keyof Fields) => clientErrors[field] ?? serverError?.fieldError(field);
  const formLevel = setup.isError && !(serverError && serverError.details.length > 0);

  const set = (field: keyof Fields) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setFields((f) => ({ ...f, [field]: value }));
    setClientErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = validateSetup(fields);
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) setup.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {formLevel ? <ErrorAlert error={setup.error} title="The account was not created" /> : null}
        <TextInput
          label="Your name"
          autoComplete="name"
          required
          value={fields.name}
          onChange={set('name')}
          error={errorFor('name')}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={fields.email}
          onChange={set('email')}
          error={errorFor('email')}
        />
        <PasswordInput
          label="Password"
          description={`At least ${MIN_PASSWORD} characters`}
          autoComplete="new-password"
          required
          value={fields.password}
          onChange={set('password')}
          error={errorFor('password')}
        />
        <Button type="submit" loading={setup.isPending}>
          Create admin account
        </Button>
      </Stack>
    </form>
  );
}
