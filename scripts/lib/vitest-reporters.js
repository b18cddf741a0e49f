import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * The default reporter, plus a JSON report when VITEST_JSON_DIR is set, which .ci/run sums into
 * its closing line.
 * @param {string} label
 */
export function jsonReportFor(label) {
  const dir = process.env.VITEST_JSON_DIR;
  if (!dir) return ['default'];
  return ['default', ['json', { outputFile: join(dir, `${label}-${randomUUID()}.json`) }]];
}
