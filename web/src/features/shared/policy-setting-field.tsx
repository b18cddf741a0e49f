import { Radio, Stack, Switch } from '@mantine/core';
import type { PolicySetting } from './policy-setting';

/**
 * One policy setting as a form field, explained in the server's words: a switch for a yes/no
 * setting, a choice of radio buttons otherwise, the default marked.
 */
export function PolicySettingField<T extends string | boolean>({
  setting,
  label,
  choiceLabels,
  value,
  onChange,
  disabled,
  error,
}: {
  setting: PolicySetting<T>;
  label: string;
  /** Words for each choice of a setting that is not yes/no. */
  choiceLabels?: Partial<Record<Extract<T, string>, string>>;
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
  /** The server's word on this setting, shown at it. */
  error?: string;
}) {
  if (typeof setting.value === 'boolean') {
    const onByDefault = setting.default === true;
    return (
      <Switch
        label={label}
        description={`${setting.explanation} ${onByDefault ? 'On' : 'Off'} by default.`}
        checked={value === true}
        onChange={(e) => onChange(e.currentTarget.checked as T)}
        disabled={disabled}
        error={error}
      />
    );
  }
  const words = (choice: T) =>
    (choiceLabels as Record<string, string> | undefined)?.[String(choice)] ?? String(choice);
  return (
    <Radio.Group
      label={label}
      description={setting.explanation}
      value={String(value)}
      onChange={(v) => onChange(setting.choices.find((c) => String(c) === v) ?? setting.value)}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {setting.choices.map((choice) => (
          <Radio
            key={String(choice)}
            value={String(choice)}
            disabled={disabled}
            label={`${words(choice)}${choice === setting.default ? ' (default)' : ''}`}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
