/**
 * Host-side comparison of what a solution produced with what the test expects.
 *
 * Expected values never enter the sandbox: the sandbox returns plain JSON data (function mode) or
 * stdout (stdio mode) and the verdict is decided here, so an object whose `__eq__` is always true,
 * or a solution that prints "PASS", has nothing to compare itself with.
 *
 * Value modes (function tests):
 * - `exact`: deep equality of JSON data. Numbers compare by value (`3 == 3.0`: JSON has one number
 *   type), but types never mix (`true` ≠ `1`, `"3"` ≠ `3`, `null` ≠ `[]`). A `bigint` (huge Python
 *   int) equals a number only if the number is an integer of the same value.
 * - `float`: as `exact`, but two numbers of which at least one is not an integer are equal within
 *   `|a−b| ≤ abs` or `|a−b| ≤ rel·max(|a|,|b|)` (the Codeforces/Kattis rule). Two integers still
 *   compare exactly, so a tolerance never turns a wrong count into a right one.
 * - `unordered`: the top level is a multiset (LeetCode's "return the answer in any order");
 *   elements compare with `exact` (or `float` rules when a tolerance is given).
 *
 * Stdout modes (stdio tests):
 * - `exact`: byte equality of the text.
 * - `lines`: CRLF→LF, each line right-stripped, trailing empty lines dropped, then equal line lists
 *   (what most online judges' default checker accepts).
 * - `unordered_lines`: `lines`, compared as a multiset.
 * - `tokens`: whitespace-separated tokens. An expected integer token needs an integer token of the
 *   same value (arbitrary size, compared as BigInt: `007` = `7`); an expected non-integer number
 *   accepts any number within the tolerance; other tokens compare as strings (testlib's `wcmp`/
 *   `rcmp` checkers).
 */

import { pythonAssertHolds } from './python-asserts.ts';

export const VALUE_COMPARES = ['exact', 'float', 'unordered', 'python'] as const;
export const STDOUT_COMPARES = ['exact', 'lines', 'unordered_lines', 'tokens'] as const;
export type ValueCompare = (typeof VALUE_COMPARES)[number];
export type StdoutCompare = (typeof STDOUT_COMPARES)[number];

/**
 * Expected values may carry the sandboxes' wire tags for what JSON cannot hold exactly:
 * `{"$bigint": "123…"}` (an integer beyond ±(2^53−1), which a JSON number would round) and
 * `{"$float": "nan" | "inf" | "-inf"}`. Decoded here before comparison; plain data passes through.
 */
export function decodeExpected(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeExpected);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && typeof o[keys[0]] === 'string') {
    if (keys[0] === '$bigint' && /^-?\d+$/.test(o.$bigint as string)) return BigInt(o.$bigint as string);
    if (keys[0] === '$float') {
      const f = o.$float;
      if (f === 'nan') return Number.NaN;
      if (f === 'inf') return Number.POSITIVE_INFINITY;
      if (f === '-inf') return Number.NEGATIVE_INFINITY;
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    Object.defineProperty(out, k.startsWith('$$') ? k.slice(1) : k, {
      value: decodeExpected(o[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * JSON.parse that keeps integers beyond ±(2^53−1) exact as `{"$bigint": "…"}` (Node ≥ 21's
 * reviver `context.source`). Used for expected values read from data-set strings.
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text, (_key, value, context?: { source?: string }) =>
    typeof value === 'number' &&
    Number.isInteger(value) &&
    !Number.isSafeInteger(value) &&
    context?.source !== undefined &&
    /^-?\d+$/.test(context.source)
      ? { $bigint: context.source }
      : value,
  );
}

/** Absolute and relative tolerance for non-integer numbers. */
export interface FloatTol {
  abs: number;
  rel: number;
}

/** Default tolerance: 1e-6 absolute or relative (Codeforces' usual checker, LeetCode's doubles). */
export const DEFAULT_FLOAT_TOL: Readonly<FloatTol> = Object.freeze({ abs: 1e-6, rel: 1e-6 });

/** Numbers within tolerance (both finite); equal infinities and NaN/NaN also count as equal. */
export function numbersClose(a: number, b: number, tol: FloatTol): boolean {
  if (a === b) return true;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const d = Math.abs(a - b);
  return d <= tol.abs || d <= tol.rel * Math.max(Math.abs(a), Math.abs(b));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function numbersEqual(a: number | bigint, b: number | bigint, tol: FloatTol | null): boolean {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = typeof a === 'bigint' ? a : Number.isInteger(a) ? BigInt(a) : null;
    const y = typeof b === 'bigint' ? b : Number.isInteger(b) ? BigInt(b) : null;
    if (x !== null && y !== null) return x === y;
    return tol !== null && numbersClose(Number(a), Number(b), tol);
  }
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  if (tol === null || (Number.isInteger(a) && Number.isInteger(b))) return false;
  return numbersClose(a, b, tol);
}

/**
 * Deep equality of plain JSON data (`null`, boolean, number/bigint, string, array, plain object).
 * With `tol`, non-integer numbers compare within tolerance. Anything that is not plain data
 * (functions, class instances, `undefined`) is never equal to anything, itself included.
 */
export function valuesEqual(expected: unknown, got: unknown, tol: FloatTol | null = null): boolean {
  const te = typeof expected;
  const tg = typeof got;
  if ((te === 'number' || te === 'bigint') && (tg === 'number' || tg === 'bigint')) {
    return numbersEqual(expected as number | bigint, got as number | bigint, tol);
  }
  if (expected === null || got === null) return expected === null && got === null;
  if (te !== tg) return false;
  if (te === 'string' || te === 'boolean') return expected === got;
  if (Array.isArray(expected)) {
    if (!Array.isArray(got) || got.length !== expected.length) return false;
    for (let i = 0; i < expected.length; i++) if (!valuesEqual(expected[i], got[i], tol)) return false;
    return true;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(got)) return false;
    const ke = Object.keys(expected);
    if (ke.length !== Object.keys(got).length) return false;
    for (const k of ke) {
      if (!Object.hasOwn(got, k) || !valuesEqual(expected[k], got[k], tol)) return false;
    }
    return true;
  }
  return false;
}

/** A canonical string for exact multiset matching (numbers by value, object keys sorted). */
function canonicalKey(v: unknown): string {
  if (typeof v === 'bigint') return `n:${v}`;
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return `n:${BigInt(v)}`;
    return `n:${v}`;
  }
  if (v === null || typeof v !== 'object') return `${typeof v}:${JSON.stringify(v)}`;
  if (Array.isArray(v)) return `[${v.map(canonicalKey).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalKey((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** Multiset equality of two arrays; O(n log n) for exact, greedy O(n·m) matching with a tolerance. */
function multisetEqual(expected: unknown[], got: unknown[], tol: FloatTol | null): boolean {
  if (expected.length !== got.length) return false;
  if (tol === null) {
    const a = expected.map(canonicalKey).sort();
    const b = got.map(canonicalKey).sort();
    return a.every((k, i) => k === b[i]);
  }
  const used = new Uint8Array(got.length);
  outer: for (const e of expected) {
    for (let j = 0; j < got.length; j++) {
      if (!used[j] && valuesEqual(e, got[j], tol)) {
        used[j] = 1;
        continue outer;
      }
    }
    return false;
  }
  return true;
}

/** Compare a function test's return value. `tol` is used by `float` and (when given) `unordered`. */
export function compareValue(mode: ValueCompare, expected: unknown, got: unknown, tol?: FloatTol): boolean {
  switch (mode) {
    case 'exact':
      return valuesEqual(expected, got, null);
    case 'float':
      return valuesEqual(expected, got, tol ?? DEFAULT_FLOAT_TOL);
    case 'unordered':
      if (!Array.isArray(expected) || !Array.isArray(got)) return valuesEqual(expected, got, tol ?? null);
      return multisetEqual(expected, got, tol ?? null);
    case 'python':
      // A converted Python assert (graders/code/python-asserts.ts): `expected` is the check as
      // JSON text, `got` the tagged Python JSON text the runner returned.
      return pythonAssertHolds(expected, got);
  }
}

/** CRLF→LF, right-strip every line, drop trailing empty lines. */
export function normalizeLines(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const INT_TOKEN = /^[+-]?\d+$/;
const NUM_TOKEN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function bigIntOf(token: string): bigint {
  return BigInt(token.startsWith('+') ? token.slice(1) : token);
}

/** One expected token against one produced token (see the module doc for the rules). */
export function tokensEqual(expected: string, got: string, tol: FloatTol = DEFAULT_FLOAT_TOL): boolean {
  if (expected === got) return true;
  if (INT_TOKEN.test(expected)) return INT_TOKEN.test(got) && bigIntOf(expected) === bigIntOf(got);
  if (NUM_TOKEN.test(expected) && NUM_TOKEN.test(got))
    return numbersClose(Number(expected), Number(got), tol);
  return false;
}

/** Compare a stdio test's stdout with the expected stdout. */
export function compareStdout(mode: StdoutCompare, expected: string, got: string, tol?: FloatTol): boolean {
  switch (mode) {
    case 'exact':
      return expected === got;
    case 'lines': {
      const a = normalizeLines(expected);
      const b = normalizeLines(got);
      return a.length === b.length && a.every((l, i) => l === b[i]);
    }
    case 'unordered_lines': {
      const a = normalizeLines(expected).sort();
      const b = normalizeLines(got).sort();
      return a.length === b.length && a.every((l, i) => l === b[i]);
    }
    case 'tokens': {
      const a = expected.split(/\s+/).filter(Boolean);
      const b = got.split(/\s+/).filter(Boolean);
      if (a.length !== b.length) return false;
      const t = tol ?? DEFAULT_FLOAT_TOL;
      return a.every((tok, i) => tokensEqual(tok, b[i], t));
    }
  }
}
