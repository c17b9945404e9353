/**
 * Doubles that lost their value: an overflow (±∞) or an underflow (a nonzero value became 0) decides
 * nothing, so it can never make two answers equal. Cases from a new user's report against the server
 * (`\boxed{C}` graded against reference R, default options).
 */
import { describe, expect, it } from 'vitest';
import { approx, takeOverflow } from '../../../graders/math/evaluate.ts';
import { parseAnswer, verify } from '../../../graders/math/index.ts';

describe('underflow and overflow decide nothing', () => {
  it.each([
    ['(x+1)^{10000}', '(x+1)^{10001}'],
    ['x^{100000000}', 'x^{100000001}'],
    ['0', 'e^{-10000}'],
    ['0', '0.5^{100000}'],
    ['0', '\\frac{1}{2}^{10^{10}}'],
    ['0', '\\exp(-5000)'],
    ['0', '10^{-200} \\cdot 10^{-200}'],
  ])('%s is not %s', (gold, pred) => {
    expect(verify(gold, pred)).toBe(false);
  });

  it.each([
    ['(x+1)^{10000}', '(1+x)^{10000}'],
    ['10^{-400}', '10^{-400}'],
    ['\\frac{1}{2^{10000}}', '2^{-10000}'],
    ['0', '0^{3} \\cdot 5'],
    ['0', '\\binom{3}{5}'],
  ])('%s is still %s', (gold, pred) => {
    expect(verify(gold, pred)).toBe(true);
  });

  it('flags an underflowed power and not a true zero', () => {
    takeOverflow();
    expect(approx(parseAnswer('0.5^{100000}')!, new Map())).toBe(0);
    expect(takeOverflow()).toBe(true);
    expect(approx(parseAnswer('0^{3}')!, new Map())).toBe(0);
    expect(takeOverflow()).toBe(false);
  });
});
