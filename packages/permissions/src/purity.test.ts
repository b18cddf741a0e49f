import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the lint rule that keeps the engine pure actually fires, so `npm run lint` guards it.
describe('permission engine purity rule', () => {
  const eslint = new ESLint();
  const lint = async (code: string) => {
    const [result] = await eslint.lintText(code, {
      filePath: 'packages/permissions/src/example.ts',
    });
    return result!.messages
      .filter((m) => m.ruleId === 'no-restricted-imports')
      .map((m) => m.message);
  };

  it.each([
    [
      "import { buildApp } from '../../../server/src/app.js';",
      /nothing from the server or the web app/,
    ],
    [
      "import { client } from '../../../web/src/api/client.js';",
      /nothing from the server or the web app/,
    ],
    ["import { readFileSync } from 'node:fs';", /no I\/O/],
    ["import { sql } from 'drizzle-orm';", /no I\/O/],
  ])('rejects %s', async (code, message) => {
    expect(await lint(code)).toEqual([expect.stringMatching(message)]);
  });

  it('allows its own modules', async () => {
    expect(
      await lint("import { roles } from './roles.js';\nexport const n = roles.length;"),
    ).toEqual([]);
  });
});
