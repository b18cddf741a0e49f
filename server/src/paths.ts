import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root, found by walking up from this module. The server runs both from source
 * (tsx, Vitest) and bundled into dist/, so relative paths to assets are not stable.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Steward: cannot find the project root');
    dir = parent;
  }
}

export const projectRoot = findRoot();
export const migrationsFolder = join(projectRoot, 'server', 'src', 'db', 'migrations');
export const webDistFolder = join(projectRoot, 'dist', 'web');
