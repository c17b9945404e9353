import { describe, expect, it } from 'vitest';
import { decodeValue } from '../../../sandboxes/python/values.ts';

describe('decodeValue (runner.py tagged JSON → host values)', () => {
  it('plain JSON passes through', () => {
    expect(decodeValue([1, 'a', null, true, { k: [2.5] }])).toEqual([1, 'a', null, true, { k: [2.5] }]);
  });

  it('bigint and non-finite tags', () => {
    expect(decodeValue({ $bigint: '-123456789012345678901234567890' })).toBe(
      -123456789012345678901234567890n,
    );
    expect(decodeValue([{ $float: 'nan' }, { $float: 'inf' }, { $float: '-inf' }])).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
  });

  it('escaped "$" keys are unescaped and never read as tags', () => {
    // A returned dict {"$bigint": "5"} arrives as {"$$bigint": "5"}: it stays a dict.
    expect(decodeValue({ $$bigint: '5' })).toEqual({ $bigint: '5' });
    expect(decodeValue({ $$$x: 1, y: 2 })).toEqual({ $$x: 1, y: 2 });
  });

  it('a "__proto__" key is an own property, not a prototype change', () => {
    const v = decodeValue(JSON.parse('{"__proto__": {"polluted": 1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
