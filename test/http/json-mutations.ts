/**
 * fast-check arbitraries for request bodies: any JSON at all, and a valid body with a few mutations (a field
 * dropped, replaced by any JSON or by date-like text, an unknown field added), at any depth.
 */
import fc from 'fast-check';

type JsonPath = (string | number)[];
type Op = 'drop' | 'replace' | 'dateLike' | 'extra';

interface Mutation {
  pick: number;
  op: Op;
  json: unknown;
  text: string;
  key: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every place in `value`: the root, each property, each element, recursively. */
function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const)
    : isObject(value) ? Object.entries(value) : [];
  return [prefix, ...children.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

/** A copy of `value` with the node at `path` replaced by `change(node)`; `undefined` removes it. */
function update(value: unknown, path: JsonPath, change: (node: unknown) => unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return change(value);
  if (Array.isArray(value) && typeof head === 'number') {
    const items: unknown[] = value;
    const next = update(items[head], rest, change);
    return next === undefined ? items.filter((_, i) => i !== head) : items.map((v, i) => (i === head ? next : v));
  }
  if (isObject(value) && typeof head === 'string') {
    const { [head]: child, ...others } = value;
    const next = update(child, rest, change);
    return next === undefined ? others : { ...others, [head]: next };
  }
  return value;
}

function apply(value: unknown, m: Mutation): unknown {
  const paths = pathsOf(value);
  const path = paths[m.pick % paths.length] ?? [];
  switch (m.op) {
    case 'drop': return path.length === 0 ? value : update(value, path, () => undefined);
    case 'replace': return update(value, path, () => m.json);
    case 'dateLike': return update(value, path, () => m.text);
    case 'extra': return update(value, path, (node) => (isObject(node) ? { ...node, [m.key]: m.json } : node));
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Text that looks like a date, a month or an instant, often nearly right (month 13, day 30 of February...). */
const dateLikeText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.tuple(fc.integer({ min: 2019, max: 2031 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.tuple(fc.integer({ min: 2019, max: 2031 }), fc.integer({ min: 0, max: 13 })).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}`),
  fc.date({ noInvalidDate: true, min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z') }).map((d) => d.toISOString()),
);

const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom<Op>('drop', 'replace', 'dateLike', 'extra'),
  json: fc.jsonValue({ maxDepth: 2 }),
  text: dateLikeText,
  key: fc.string({ minLength: 1, maxLength: 12 }),
});

/** `valid` with one to three mutations. */
function mutationsOf(valid: unknown): fc.Arbitrary<unknown> {
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce(apply, valid));
}

/** A body as a client might send it: JSON text, or text that is not JSON at all. */
export type SentBody = { json: unknown } | { raw: string };

/** Around valid bodies: some as they are, most mutated, some any JSON, some not JSON. */
export function bodiesAround(valid: fc.Arbitrary<unknown>): fc.Arbitrary<SentBody> {
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((json) => ({ json })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })) },
    { weight: 6, arbitrary: valid.chain(mutationsOf).map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((raw) => ({ raw })) },
  );
}

/** A day from today (2026-11-24) to three years ahead: always a valid ESD for the fixed clock. */
export const validEsd: fc.Arbitrary<string> = fc.integer({ min: 0, max: 3 * 365 })
  .map((days) => new Date(Date.UTC(2026, 10, 24 + days)).toISOString().slice(0, 10));

/** A month from this one to two years ahead. */
export const validMonth: fc.Arbitrary<string> = validEsd.map((date) => date.slice(0, 7)).filter((m) => m <= '2028-11');

export const reasonText: fc.Arbitrary<string> = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== '');
