/** What `npm run db:generate -- --scale N` was asked for. */
export interface Arguments {
  scale: number;
}

export class UsageError extends Error {}

const usage = 'Usage: npm run db:generate -- --scale N   (N > 0, e.g. 1, 10 or 0.01)';

/** Parses `--scale N` or `--scale=N`; anything else is a usage error. */
export function parseArguments(argv: readonly string[]): Arguments {
  let scale: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') throw new UsageError(usage);
    const value = arg === '--scale' ? argv[++i] : arg.startsWith('--scale=') ? arg.slice(8) : null;
    if (value === null) throw new UsageError(`Unknown argument ${arg}.\n${usage}`);
    scale = Number(value);
    if (value === undefined || value.trim() === '' || !Number.isFinite(scale) || scale <= 0) {
      throw new UsageError(`--scale needs a number above 0, not ${value ?? 'nothing'}.\n${usage}`);
    }
  }
  if (scale === undefined) throw new UsageError(usage);
  return { scale };
}
