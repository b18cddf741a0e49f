import fc from 'fast-check';

// JSON Schema (as the OpenAPI document writes it) → fast-check arbitraries, for the OpenAPI
// fuzzer (fuzz-openapi.test.ts). Each schema gets mostly values it accepts, boundaries included
// (lengths and numbers at their limits), some just past a limit, and some of the wrong type, so
// that requests both go deep into the services and probe validation.

/** The part of JSON Schema the route schemas use (see GET /api/openapi.json). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** Real values for a field, by its name (`eventId`, `reportIds`, `email`…), so some hit rows. */
export type Known = (name: string) => readonly string[];

const noneKnown: Known = () => [];

/** Text people and attackers type: the unusual characters, each a case of its own. */
export const oddStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\u202eevil',
  '\u200b',
  '💥🧨',
  'é',
  'e\u0301',
  "'; drop table users; --",
  '%',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  '\\',
  '"',
  '<script>alert(1)</script>',
  '\r\n',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  'true',
  '[]',
  '{}',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

/** Any text: printable, unicode (astral and combining), the odd cases, and very long. */
export const anyString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string() },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom(...oddStrings) },
    { weight: 1, arbitrary: fc.constantFrom(5_000, 70_000).map((n) => 'x'.repeat(n)) },
  );

/** Anything JSON can carry, for "wrong type" mutations. */
export const wrongType = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, '', [], {}),
    fc.jsonValue({ maxDepth: 3 }),
    // Deep nesting: the input guard refuses it before anything walks it.
    fc.constant(JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown),
  );

const typesOf = (s: JsonSchema): string[] =>
  Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];

/** A string of exactly n characters from this alphabet. */
const ofLength = (n: number) =>
  fc.string({ minLength: n, maxLength: n, unit: fc.constantFrom('a', 'Z', '7', ' ', 'é', '😀') });

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const day = (d: Date) =>
  `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;

// Dates from year 1 to 9999 (the formats' four-digit years), near now most of the time.
const dates = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.date({
      min: new Date('2020-01-01'),
      max: new Date('2035-12-31'),
      noInvalidDate: true,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31'),
      noInvalidDate: true,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(new Date('2024-02-29T23:59:59.999Z'), new Date(0)) },
);

const offsets = fc.constantFrom('Z', '+00:00', '+14:00', '-12:00', '+05:30', '-23:59');
const dateTime = fc
  .tuple(dates, offsets, fc.constantFrom('', '.5', '.123456789'))
  .map(([d, off, frac]) => `${day(d)}T${d.toISOString().slice(11, 19)}${frac}${off}`);

/** Strings of a format, valid for it; the real ones of this name when there are some. */
function formatted(format: string, name: string, known: Known): fc.Arbitrary<string> | null {
  const real = known(name);
  const withReal = (arb: fc.Arbitrary<string>) =>
    real.length ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...real) }, arb) : arb;
  switch (format) {
    case 'uuid':
      return withReal(fc.uuid());
    case 'email':
      return withReal(fc.emailAddress());
    case 'date':
      return dates.map(day);
    case 'date-time':
      return dateTime;
    case 'uri':
    case 'url':
      return withReal(fc.webUrl({ withQueryParameters: true, withFragments: true }));
    default:
      return null;
  }
}

/** Malformed values of a format: close to right, but not. */
function malformed(format: string | undefined): fc.Arbitrary<string> {
  switch (format) {
    case 'uuid':
      return fc.constantFrom('0000', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', '{}', '1-2-3-4-5');
    case 'date':
      return fc.constantFrom('2023-02-29', '2024-13-01', '0000-00-00', '99999-01-01', '2024-1-1');
    case 'date-time':
      return fc.constantFrom('2024-02-30T00:00:00Z', '2024-01-01T25:00:00Z', '2024-01-01', 'now');
    case 'email':
      return fc.constantFrom('a@', '@b', 'a b@c.d', 'a@b@c', `${'a'.repeat(400)}@example.org`);
    default:
      return anyString();
  }
}

function stringArb(s: JsonSchema, name: string, known: Known): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, 200);
  const real = known(name);
  const byFormat = s.format ? formatted(s.format, name, known) : null;
  if (byFormat) return byFormat;
  if (s.pattern) {
    const matching = fc.stringMatching(new RegExp(s.pattern));
    return real.length ? fc.oneof(fc.constantFrom(...real), matching) : matching;
  }
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 60) }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max).chain(ofLength) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: 20 }) },
  ];
  if (real.length) options.push({ weight: 6, arbitrary: fc.constantFrom(...real) });
  return fc.oneof(...options);
}

/** Strings just outside what the schema takes. */
function stringPastLimits(s: JsonSchema): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [malformed(s.format)];
  if (s.maxLength !== undefined) options.push(ofLength(s.maxLength + 1));
  if (s.minLength) options.push(ofLength(s.minLength - 1));
  return fc.oneof(...options);
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1e6);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1e6);
  const inside = integer
    ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 3, arbitrary: inside }, fc.constantFrom(min, max));
}

function numberPastLimits(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const edges = [-1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308];
  if (s.minimum !== undefined) edges.push(s.minimum - 1);
  if (s.maximum !== undefined) edges.push(s.maximum + 1);
  if (integer) edges.push(1.5, (s.minimum ?? 0) + 0.5);
  return fc.constantFrom(...edges);
}

/**
 * Values the schema accepts, mostly: for objects each property by its own schema, the
 * required ones always and the others now and then.
 */
export function validValue(
  s: JsonSchema,
  name = '',
  known: Known = noneKnown,
): fc.Arbitrary<unknown> {
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => validValue(b, name, known)));
  if (s.allOf?.length) return validValue(Object.assign({}, ...s.allOf) as JsonSchema, name, known);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const types = typesOf(s);
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => validValue({ ...s, type }, name, known)));
  }
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'string':
      return stringArb(s, name, known);
    case 'array': {
      const items = validValue(s.items ?? {}, singular(name), known);
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? 5, Math.max(minLength, 5));
      return fc.array(items, { minLength, maxLength });
    }
    case 'object':
      return objectArb(s, known);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** `reportIds` → `reportId`: the items of an array of ids are ids of the same kind. */
const singular = (name: string) => name.replace(/s$/, '');

/** Values the schema refuses: just past a limit, malformed, or of the wrong type. */
export function invalidValue(s: JsonSchema): fc.Arbitrary<unknown> {
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return fc.oneof(...branches.map(invalidValue));
  if (s.enum?.length) return fc.oneof(anyString(), wrongType());
  const options: fc.Arbitrary<unknown>[] = [wrongType()];
  for (const type of typesOf(s)) {
    if (type === 'string') options.push(stringPastLimits(s));
    if (type === 'integer' || type === 'number')
      options.push(numberPastLimits(s, type === 'integer'));
    if (type === 'array' && s.maxItems !== undefined) {
      const item = validValue(s.items ?? {});
      options.push(fc.array(item, { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }));
    }
  }
  return fc.oneof(...options);
}

/** Mostly valid values, sometimes invalid ones: what a fuzzed field gets. */
export function fuzzValue(
  s: JsonSchema,
  name = '',
  known: Known = noneKnown,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: validValue(s, name, known) },
    { weight: 1, arbitrary: invalidValue(s) },
  );
}

/**
 * An object of the schema: required properties always (one left out now and then), optional
 * ones or not, each property fuzzed by its own schema, and now and then a property the schema
 * does not know.
 */
export function objectArb(s: JsonSchema, known: Known = noneKnown): fc.Arbitrary<unknown> {
  const properties = Object.entries(s.properties ?? {});
  if (!properties.length) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant({}) },
      fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    );
  }
  const required = new Set(s.required ?? []);
  const record = Object.fromEntries(properties.map(([k, v]) => [k, fuzzValue(v, k, known)]));
  const requiredKeys = properties.map(([k]) => k).filter((k) => required.has(k));
  const full = fc.record(record, { requiredKeys });
  return fc
    .tuple(
      full,
      fc.option(fc.constantFrom(...properties.map(([k]) => k)), { freq: 8 }),
      fc.option(
        fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })),
        { freq: 8 },
      ),
    )
    .map(([value, drop, extra]) => {
      const out: Record<string, unknown> = { ...value };
      if (drop !== null) delete out[drop];
      if (extra) out[extra[0]] = extra[1];
      return out;
    });
}
