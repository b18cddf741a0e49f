/**
 * One policy setting (SPEC §5) as the API presents it: its value, its default, the values it can
 * take and what it means in plain words. A PATCH takes `settings: { key: value }`.
 */
export interface PolicySetting<T extends string | boolean = string | boolean> {
  value: T;
  default: T;
  choices: T[];
  explanation: string;
}
