export function jsonReportFor(label: string): (string | [string, Record<string, unknown>])[];
