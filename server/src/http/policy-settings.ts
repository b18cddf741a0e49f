import { z } from 'zod';
import {
  eventSettings,
  organizationSettings,
  type EventSettings,
  type OrganizationSettings,
} from '@steward/permissions';

// The policy settings of SPEC §5 as the API shows them: each value with its default, its
// choices and its plain-language explanation, all taken from the permission engine's data so
// the settings pages and docs/permissions.md say the same thing.

type Definitions = Record<string, { values: readonly (string | boolean)[]; default: unknown }>;

/** The zod schema of one setting's value, from its definition. */
function valueSchema(values: readonly (string | boolean)[]) {
  return typeof values[0] === 'boolean'
    ? z.boolean()
    : z.enum(values as readonly string[] as [string, ...string[]]);
}

function inputSchema<D extends Definitions>(defs: D) {
  return z
    .object(
      Object.fromEntries(
        Object.entries(defs).map(([k, d]) => [k, valueSchema(d.values).optional()]),
      ) as unknown as { [K in keyof D]: z.ZodOptional<z.ZodType<D[K]['default']>> },
    )
    .strict();
}

function viewSchema<D extends Definitions>(defs: D, id: string) {
  return z
    .object(
      Object.fromEntries(
        Object.keys(defs).map((k) => [
          k,
          z.object({
            value: valueSchema(defs[k]!.values),
            default: valueSchema(defs[k]!.values),
            choices: z.array(valueSchema(defs[k]!.values)),
            explanation: z.string(),
          }),
        ]),
      ),
    )
    .meta({ id });
}

type Presented = Record<
  string,
  {
    value: string | boolean;
    default: string | boolean;
    choices: (string | boolean)[];
    explanation: string;
  }
>;

function present(
  defs: Record<
    string,
    { values: readonly (string | boolean)[]; default: string | boolean; explanation: string }
  >,
  values: Record<string, string | boolean>,
): Presented {
  return Object.fromEntries(
    Object.entries(defs).map(([k, d]) => [
      k,
      { value: values[k]!, default: d.default, choices: [...d.values], explanation: d.explanation },
    ]),
  );
}

export const organizationSettingsInput = inputSchema(organizationSettings);
export const organizationSettingsView = viewSchema(organizationSettings, 'OrganizationSettings');
export const eventSettingsInput = inputSchema(eventSettings);
export const eventSettingsView = viewSchema(eventSettings, 'EventPolicySettings');

/** An organization's policy settings, each with its default, choices and explanation. */
export const presentOrganizationSettings = (values: OrganizationSettings) =>
  present(organizationSettings, { ...values });

/** An event's policy settings, each with its default, choices and explanation. */
export const presentEventSettings = (values: EventSettings) =>
  present(eventSettings, { ...values });
