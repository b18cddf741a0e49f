import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, projectRoot } from '../paths.js';

// The schema and the committed migrations must say the same thing: a schema change without
// `npm run db:migration` would otherwise ship a build whose tables differ from its code.
describe('migrations', () => {
  // drizzle-kit reads --out relative to the working directory, so the copy lives in the project.
  const scratch = mkdtempSync(join(projectRoot, '.tmp-migrations-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('match the Drizzle schema', () => {
    cpSync(migrationsFolder, scratch, { recursive: true });
    const before = readdirSync(scratch).sort();
    const result = spawnSync(
      'npx',
      [
        'drizzle-kit',
        'generate',
        '--dialect',
        'postgresql',
        '--schema',
        'server/src/db/schema/index.ts',
        '--out',
        relative(projectRoot, scratch),
      ],
      { cwd: projectRoot, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('No schema changes');
    expect(readdirSync(scratch).sort()).toEqual(before);
  }, 60_000);
});
