import { describe, expect, it } from 'vitest';
import {
  compareStdout,
  compareValue,
  decodeExpected,
  normalizeLines,
  parseJsonExact,
  tokensEqual,
  valuesEqual,
} from '../../../graders/code/compare.ts';

describe('exact', () => {
  it.each([
    [3, 3.0, true],
    [true, 1, false],
    [false, 0, false],
    ['3', 3, false],
    [null, [], false],
    [null, null, true],
    [[1, [2, 3]], [1, [2, 3]], true],
    [[1, 2], [2, 1], false],
    [{ a: 1, b: [true] }, { b: [true], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: undefined }, { b: undefined }, false],
    [0.1 + 0.2, 0.3, false],
    [12345678901234567890n, 12345678901234567890n, true],
    [12345678901234567890n, 12345678901234567891n, false],
    [2n ** 40n, 2 ** 40, true],
    [Number.NaN, Number.NaN, true],
  ])('case %#', (expected, got, eq) => {
    expect(compareValue('exact', expected, got)).toBe(eq);
  });

  it('rejects non-plain objects, even ones claiming equality', () => {
    class AlwaysEqual {
      equals() {
        return true;
      }
    }
    expect(valuesEqual({}, new AlwaysEqual())).toBe(false);
    expect(valuesEqual(undefined, undefined)).toBe(false);
    expect(valuesEqual([1], { 0: 1, length: 1 })).toBe(false);
  });
});

describe('float', () => {
  it('uses tolerance for non-integers only', () => {
    expect(compareValue('float', 0.3, 0.1 + 0.2)).toBe(true);
    expect(compareValue('float', 2.5, 2.5000001)).toBe(true);
    expect(compareValue('float', 2.5, 2.51)).toBe(false);
    // Two integers never use the tolerance: a wrong count stays wrong.
    expect(compareValue('float', 1_000_000_000, 1_000_000_001)).toBe(false);
    expect(compareValue('float', 2, 2.0000001)).toBe(true);
    expect(compareValue('float', [1.5, [2.25]], [1.5000001, [2.2500001]])).toBe(true);
    expect(compareValue('float', 1, true)).toBe(false);
  });
  it('honours a custom tolerance', () => {
    expect(compareValue('float', 1.5, 1.51, { abs: 0.1, rel: 0 })).toBe(true);
    expect(compareValue('float', 1.5, 1.51, { abs: 1e-9, rel: 1e-9 })).toBe(false);
  });
  it('handles infinities', () => {
    expect(compareValue('float', Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(true);
    expect(compareValue('float', Number.POSITIVE_INFINITY, 1e308)).toBe(false);
  });
});

describe('unordered', () => {
  it('compares the top level as a multiset', () => {
    // lc-970 powerful-integers: any order is accepted by the problem.
    expect(compareValue('unordered', [2, 3, 4, 5, 7, 9, 10], [2, 4, 10, 3, 5, 7, 9])).toBe(true);
    expect(compareValue('unordered', [1, 1, 2], [1, 2, 2])).toBe(false);
    expect(compareValue('unordered', [[1, 2], [3]], [[3], [1, 2]])).toBe(true);
    // Only the top level: inner order still matters.
    expect(compareValue('unordered', [[1, 2], [3]], [[3], [2, 1]])).toBe(false);
    expect(compareValue('unordered', [1, true], [true, 1])).toBe(true);
    expect(compareValue('unordered', [1, 1], [1, true])).toBe(false);
    expect(compareValue('unordered', [0.3, 1], [1, 0.1 + 0.2], { abs: 1e-9, rel: 0 })).toBe(true);
  });
});

describe('stdout', () => {
  it('lines: CRLF, trailing spaces and trailing blank lines do not matter', () => {
    expect(normalizeLines('a  \r\nb\r\n\r\n\n')).toEqual(['a', 'b']);
    expect(compareStdout('lines', 'YES\nNO\n', 'YES \r\nNO')).toBe(true);
    expect(compareStdout('lines', 'YES\nNO\n', 'YES\n\nNO')).toBe(false);
    expect(compareStdout('lines', 'YES\nNO\n', ' YES\nNO')).toBe(false);
    expect(compareStdout('lines', '', '\n\n')).toBe(true);
  });
  it('unordered_lines', () => {
    expect(compareStdout('unordered_lines', '1\n2\n3\n', '3\n1\n2')).toBe(true);
    expect(compareStdout('unordered_lines', '1\n2\n2\n', '1\n1\n2\n')).toBe(false);
  });
  it('exact', () => {
    expect(compareStdout('exact', '3\n', '3\n')).toBe(true);
    expect(compareStdout('exact', '3\n', '3')).toBe(false);
  });
  it('tokens: integers exact (big ones too), other numbers with tolerance', () => {
    expect(compareStdout('tokens', '1 2\n3\n', '1\n2 3')).toBe(true);
    expect(compareStdout('tokens', '123456789012345678901234567890', '123456789012345678901234567891')).toBe(
      false,
    );
    expect(compareStdout('tokens', '123456789012345678901234567890', '123456789012345678901234567890')).toBe(
      true,
    );
    expect(tokensEqual('007', '7')).toBe(true);
    expect(tokensEqual('-0', '0')).toBe(true);
    expect(tokensEqual('1', '1.0')).toBe(false);
    expect(tokensEqual('0.333333', '0.3333333333')).toBe(true);
    expect(tokensEqual('0.5', '0.6')).toBe(false);
    expect(tokensEqual('2.5', '2.5000000001')).toBe(true);
    expect(tokensEqual('YES', 'yes')).toBe(false);
    expect(compareStdout('tokens', '1 2', '1 2 3')).toBe(false);
  });
});

describe('exact big integers and special floats in expected values', () => {
  it('decodes the sandboxes wire tags', () => {
    expect(decodeExpected({ $bigint: '123456789012345678901' })).toBe(123456789012345678901n);
    expect(decodeExpected([{ $float: 'inf' }, { $$bigint: 'x' }])).toEqual([
      Number.POSITIVE_INFINITY,
      { $bigint: 'x' },
    ]);
    expect(decodeExpected({ $bigint: 'not digits' })).toEqual({ $bigint: 'not digits' });
    expect(compareValue('exact', decodeExpected({ $bigint: '9007199254740993' }), 9007199254740993n)).toBe(
      true,
    );
    // A JSON number would have rounded 2^53+1 to 2^53 and accepted the wrong answer.
    expect(compareValue('exact', decodeExpected({ $bigint: '9007199254740993' }), 9007199254740992n)).toBe(
      false,
    );
    expect(compareValue('exact', JSON.parse('9007199254740993'), 9007199254740992n)).toBe(true);
  });
  it('parseJsonExact keeps unsafe integer literals exact, nothing else changes', () => {
    expect(parseJsonExact('[9007199254740993, 1.5, 2, -12345678901234567890, 1e300]')).toEqual([
      { $bigint: '9007199254740993' },
      1.5,
      2,
      { $bigint: '-12345678901234567890' },
      1e300,
    ]);
  });
});
