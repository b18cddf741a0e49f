// Deterministic "random" choices written as SQL expressions, so that rows are generated inside
// the database (INSERT … SELECT … FROM generate_series) and a scale always yields the same data.
//
// A draw comes from an md5 digest of what the row is (e.g. the event's id): one digest gives four
// independent 28-bit draws (7 hex digits each). Digests are computed once per row in a
// `LATERAL (SELECT md5(…) AS h OFFSET 0)`: the OFFSET stops the planner from inlining the
// subquery, which would compute the digest again at every use.

const DRAW_RANGE = 268_435_456; // 2^28

/** SQL: draw `i` (0–3) of a digest, an integer in [0, 2^28). */
export const draw = (digest: string, i: number): string =>
  `(('x' || substr(${digest}, ${i * 7 + 1}, 7))::bit(28)::int)`;

/** SQL: a fraction in [0, 1) from draw `i` of a digest. */
export const fraction = (digest: string, i: number): string =>
  `(${draw(digest, i)}::float8 / ${DRAW_RANGE})`;

/** SQL: an integer in [0, n) from draw `i` of a digest. */
export const below = (digest: string, i: number, n: number | string): string =>
  `(${draw(digest, i)} % (${n}))`;

/** A SQL string literal. */
export const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** SQL: one of `values`, chosen by draw `i` of a digest. */
export const pick = (digest: string, i: number, values: readonly string[]): string =>
  `(ARRAY[${values.map(literal).join(', ')}])[1 + ${below(digest, i, values.length)}]`;

/**
 * SQL: one of `choices` by weight (the weights need not add up to 1: they are cumulated and the
 * last choice takes whatever is left).
 */
export function weighted(digest: string, i: number, choices: readonly [string, number][]): string {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let cumulated = 0;
  const whens = choices.slice(0, -1).map(([value, weight]) => {
    cumulated += weight;
    return `WHEN ${fraction(digest, i)} < ${cumulated / total} THEN ${literal(value)}`;
  });
  return `(CASE ${whens.join(' ')} ELSE ${literal(choices.at(-1)![0])} END)`;
}

/** SQL: the id (text, a UUID) of generated user `n` (an SQL integer expression, 1-based). */
export const userId = (n: string): string => `md5('user:' || (${n}))::uuid::text`;
