import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionNames, renderPermissionsDoc } from '../src/index.js';

describe('docs/permissions.md', () => {
  it('is what the data renders (run `npm run permissions:docs` after changing the policy)', () => {
    const committed = readFileSync(
      new URL('../../../docs/permissions.md', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(renderPermissionsDoc());
  });

  it('lists every action', () => {
    const doc = renderPermissionsDoc();
    for (const action of actionNames) expect(doc).toContain(`| \`${action}\` |`);
  });
});
