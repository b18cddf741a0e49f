import { Textarea, TextInput } from '@mantine/core';

export interface FirstAdmin {
  email: string;
  message: string;
}

/** The first event admin to invite: their address, and an optional message in the email. */
export function FirstAdminFields({
  value,
  onChange,
  emailError,
  messageError,
  required = false,
}: {
  value: FirstAdmin;
  onChange: (value: FirstAdmin) => void;
  emailError?: string;
  messageError?: string;
  required?: boolean;
}) {
  return (
    <>
      <TextInput
        label="Email of the first event admin"
        description="They get an invitation by email and become the event's admin when they accept."
        type="email"
        autoComplete="off"
        required={required}
        value={value.email}
        onChange={(e) => onChange({ ...value, email: e.currentTarget.value })}
        error={emailError}
      />
      <Textarea
        label="Personal message (optional)"
        description="Included in the invitation email."
        rows={3}
        maxLength={1000}
        value={value.message}
        onChange={(e) => onChange({ ...value, message: e.currentTarget.value })}
        error={messageError}
      />
    </>
  );
}

/** The invitation fields of a request body: the message only when there is one. */
export function firstAdminBody({ email, message }: FirstAdmin) {
  return { email: email.trim(), ...(message.trim() ? { message: message.trim() } : {}) };
}
