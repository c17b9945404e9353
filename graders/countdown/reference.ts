/**
 * The Countdown reference: `{"target": 24, "numbers": [4, 6, 1, 1]}`, given as a JSON object or as
 * a JSON string of one. `nums` is accepted for `numbers` (the field name of the
 * Jiayi-Pan/Countdown-Tasks-3to4 dataset that TinyZero's preprocessing renames).
 *
 * Anything else is an invalid reference: the item's reward is null, never 0 or 1.
 */

export interface CountdownReference {
  target: bigint;
  numbers: bigint[];
}

/** Most numbers a puzzle may have (TinyZero uses 3–4; this bounds evaluation). */
export const MAX_NUMBERS = 64;

export type ParsedReference = { ok: true; ref: CountdownReference } | { ok: false; message: string };

function toInt(v: unknown): bigint | null {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^\s*-?\d{1,1000}\s*$/.test(v)) return BigInt(v.trim());
  return null;
}

/**
 * Parse and validate a Countdown reference.
 * Rules: `target` an integer (number or digit string); `numbers` (or `nums`) a non-empty array of at
 * most {@link MAX_NUMBERS} non-negative integers (no unary minus exists, so a negative number could
 * never be used).
 */
export function parseReference(reference: unknown): ParsedReference {
  let r = reference;
  if (typeof r === 'string') {
    try {
      r = JSON.parse(r);
    } catch {
      return { ok: false, message: 'reference is a string but not JSON' };
    }
  }
  if (typeof r !== 'object' || r === null || Array.isArray(r)) {
    return { ok: false, message: 'reference must be an object {target, numbers}' };
  }
  const o = r as Record<string, unknown>;
  const target = toInt(o.target);
  if (target === null) return { ok: false, message: 'target must be an integer' };
  const raw = o.numbers ?? o.nums;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_NUMBERS) {
    return { ok: false, message: `numbers must be an array of 1 to ${MAX_NUMBERS} integers` };
  }
  const numbers: bigint[] = [];
  for (const v of raw) {
    const n = toInt(v);
    if (n === null || n < 0n) return { ok: false, message: 'numbers must be non-negative integers' };
    numbers.push(n);
  }
  return { ok: true, ref: { target, numbers } };
}
