/** A policy setting as the API presents it (SPEC §5): its value, default, choices and meaning. */
export interface PolicySetting<T extends string | boolean> {
  value: T;
  default: T;
  choices: T[];
  /** What the setting means, in plain words. */
  explanation: string;
}
