// Builds what `npm start` runs: the web app (Vite) and the server bundle (esbuild). A build is
// skipped when a fingerprint of every input matches the one stored with the last build, so a
// second start takes no build time at all.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');
const stampFile = join(dist, 'build-fingerprint');

const inputs = ['server/src', 'packages', 'web', 'package-lock.json', 'package.json'];
const skip = new Set(['node_modules', 'test', 'dist']);

function* files(path) {
  const stat = statSync(path);
  if (stat.isFile()) {
    if (!/\.test\.tsx?$/.test(path)) yield path;
    return;
  }
  for (const entry of readdirSync(path).sort()) {
    if (skip.has(entry)) continue;
    yield* files(join(path, entry));
  }
}

/** A hash over the names and contents of every build input. */
export function fingerprint() {
  const hash = createHash('sha256');
  for (const input of inputs) {
    const path = join(root, input);
    if (!existsSync(path)) continue;
    for (const file of files(path)) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

export function isFresh() {
  return (
    existsSync(stampFile) &&
    existsSync(join(dist, 'server', 'main.js')) &&
    existsSync(join(dist, 'web', 'index.html')) &&
    readFileSync(stampFile, 'utf8') === fingerprint()
  );
}

/** Builds the web app and the server unless the last build is still current. */
export async function build({ force = false, quiet = false } = {}) {
  if (!force && isFresh()) return false;
  const say = quiet ? () => {} : (m) => console.log(m);
  const started = Date.now();
  let vite, esbuild;
  try {
    vite = await import('vite');
    esbuild = await import('esbuild');
  } catch {
    throw new Error('The build tools are missing. Run `npm install` first (it installs them).');
  }
  say('Building the web app…');
  await vite.build({
    configFile: join(root, 'web', 'vite.config.ts'),
    logLevel: quiet ? 'error' : 'warn',
  });

  say('Building the server…');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // Dependencies stay in node_modules; the project's own workspace packages (TypeScript source)
  // are bundled in.
  const external = Object.keys(pkg.dependencies ?? {}).flatMap((d) => [d, `${d}/*`]);
  await esbuild.build({
    entryPoints: {
      main: join(root, 'server/src/main.ts'),
      migrate: join(root, 'server/src/db/migrate-cli.ts'),
    },
    outdir: join(dist, 'server'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external,
    logLevel: 'warning',
  });
  mkdirSync(dist, { recursive: true });
  writeFileSync(stampFile, fingerprint());
  say(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}
