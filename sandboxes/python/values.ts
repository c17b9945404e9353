/**
 * Decoding of function-mode return values sent by runner.py. The runner sends plain JSON with
 * three tagged forms, so nothing is lost on the way to the host's comparison:
 *  - `{"$bigint": "123…"}`: a Python int outside ±(2**53-1), decoded to a JS `bigint` (exact);
 *  - `{"$float": "nan" | "inf" | "-inf"}`: non-finite floats, decoded to NaN / ±Infinity;
 *  - dict keys that start with `$` arrive with one more `$` and are unescaped here, so a returned
 *    dict can never be mistaken for a tag.
 */

/** A decoded return value: JSON data plus `bigint` and non-finite numbers. */
export type PlainValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PlainValue[]
  | { [k: string]: PlainValue };

export function decodeValue(v: unknown): PlainValue {
  if (v === null || typeof v !== 'object') return v as PlainValue;
  if (Array.isArray(v)) return v.map(decodeValue);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && typeof o[keys[0]] === 'string') {
    if (keys[0] === '$bigint') return BigInt(o.$bigint as string);
    if (keys[0] === '$float') {
      const f = o.$float;
      return f === 'nan' ? Number.NaN : f === 'inf' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    }
  }
  const out: { [k: string]: PlainValue } = {};
  for (const k of keys) {
    const key = k.startsWith('$$') ? k.slice(1) : k;
    Object.defineProperty(out, key, {
      value: decodeValue(o[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
