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
 * last choice takes whatever is left). width_bucket finds the choice from one draw, where a CASE
 * would take the draw again for every choice it passes.
 */
export function weighted(digest: string, i: number, choices: readonly [string, number][]): string {
  if (choices.length === 1) return literal(choices[0]![0]);
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let cumulated = 0;
  const bounds = choices.slice(0, -1).map(([, weight]) => {
    cumulated += weight;
    return `${cumulated / total}`;
  });
  const values = choices.map(([value]) => literal(value)).join(', ');
  return `(ARRAY[${values}])[1 + width_bucket(${fraction(digest, i)}, ARRAY[${bounds.join(', ')}]::float8[])]`;
}

/** SQL: the id (text, a UUID) of generated user `n` (an SQL integer expression, 1-based). */
export const userId = (n: string): string => `md5('user:' || (${n}))::uuid::text`;

// Ids in load order. A primary key whose ids arrive in random order (md5 digests) touches a random
// page of its index for every row, and at scale 10 those indexes outgrow the buffer cache. The
// bulk tables' ids are built instead from a 30-digit hex key that starts with what orders the load
// (event number, report number, then which row of the report), so each insert lands next to the
// previous one. The key becomes an RFC 9562 version 8 ("custom") UUID by inserting the version
// digit (8) before its 13th digit and the variant digit (8) before its 16th: constant digits at
// fixed places, so the UUIDs sort as their keys do.

/** SQL: the UUID of a 30-hex-digit key (text). */
export const uuidOfKey = (key: string): string =>
  `overlay(overlay(${key} placing '8' from 13 for 0) placing '8' from 17 for 0)::uuid`;

/**
 * SQL: the UUID of row `ordinal` (0–255) of kind `kind` (one hex digit, 1–f) hanging off the row
 * with UUID `parent` (made by uuidOfKey): the parent's key with digits 17–19 (zero in a parent's
 * key) replaced by kind and ordinal, so a parent's rows sort right after it.
 */
export const childUuid = (parent: string, kind: string, ordinal: string): string =>
  `overlay(replace((${parent})::text, '-', '') placing '${kind}' || lpad(to_hex(${ordinal}), 2, '0') from 19 for 3)::uuid`;

/**
 * SQL: the UUID of a row made from the row with UUID `source` (an audit entry from a history step
 * or a comment): the source's UUID with its first digit, which is 0 in every key (the event
 * number is below KEY_NUMBER_LIMIT), replaced by the digit `tag`. Rows of one tag then sort
 * together, in the order of their sources, and one text substitution is all a row costs.
 */
export const taggedUuid = (tag: string, source: string): string =>
  `overlay((${source})::text placing '${tag}' from 1 for 1)::uuid`;

/** The numbers hex8 takes for the start of a key: below 2^28, so the key's first digit is 0. */
export const KEY_NUMBER_LIMIT = 2 ** 28;

/** SQL: `n` (an integer expression below 2^32) as 8 hex digits, zero-padded so keys sort by it. */
export const hex8 = (n: string): string => `lpad(to_hex(${n}), 8, '0')`;

/** What hex8 makes of the number `n`, made here (for bounds written into the SQL). */
export const hex8Of = (n: number): string => n.toString(16).padStart(8, '0');
