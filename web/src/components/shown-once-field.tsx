import { Button, CopyButton, Group, TextInput } from '@mantine/core';
import classes from './shown-once-field.module.css';

/**
 * A secret the server shows only once (an invite link, an anonymous report's private link, a
 * webhook's signing secret): read-only, selected on focus, with a copy button and, where the
 * page can hide it afterwards, Done.
 */
export function ShownOnceField({
  label,
  value,
  copyLabel,
  onDone,
  monospace = false,
}: {
  label: string;
  value: string;
  copyLabel: string;
  onDone?: () => void;
  monospace?: boolean;
}) {
  return (
    <>
      <TextInput
        label={label}
        readOnly
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        classNames={{ input: monospace ? `${classes.wrap} ${classes.mono}` : classes.wrap }}
      />
      <Group gap="sm">
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button onClick={copy} variant={copied ? 'light' : 'filled'}>
              {copied ? 'Copied' : copyLabel}
            </Button>
          )}
        </CopyButton>
        {onDone ? (
          <Button variant="default" onClick={onDone}>
            Done
          </Button>
        ) : null}
      </Group>
    </>
  );
}
