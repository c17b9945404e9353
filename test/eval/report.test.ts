import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from '../../src/eval/html.ts';
import { buildReport, type ProblemVote, renderText, type SampleOutcome } from '../../src/eval/report.ts';

const s = (
  problem: number,
  sample: number,
  verdict: string,
  level: string,
  label?: boolean,
): SampleOutcome => ({
  problem,
  sample,
  groups: { level },
  reward: verdict === 'error' ? null : verdict === 'correct' ? 1 : 0,
  verdict,
  correct: verdict === 'correct',
  ...(label !== undefined ? { label } : {}),
});

describe('buildReport', () => {
  // problem 0 (level 1): 2 of 4 correct; problem 1 (level 2): 0 of 4, one of them an error
  const samples = [
    s(0, 0, 'correct', '1', true),
    s(0, 1, 'wrong', '1', false),
    s(0, 2, 'correct', '1', false),
    s(0, 3, 'no_answer', '1', false),
    s(1, 0, 'wrong', '2', false),
    s(1, 1, 'error', '2', false),
    s(1, 2, 'wrong', '2', false),
    s(1, 3, 'wrong', '2', true),
  ];
  const votes = new Map<number, ProblemVote>([
    [0, { problem: 0, correct: { 1: true, 2: true, 4: true } }],
    [1, { problem: 1, correct: { 1: false, 2: false, 4: false } }],
  ]);
  const r = buildReport({ samples, votes, ks: [1, 2, 4], groupFields: ['level'], totalMs: 80 });

  it('computes accuracy with errors counted as not correct and reported', () => {
    expect(r.overall.accuracy).toBe(2 / 8);
    expect(r.overall.errors).toBe(1);
    expect(r.overall.meanReward).toBeCloseTo(2 / 7, 12);
  });

  it('computes pass@k per problem then averages', () => {
    // problem 0: n=4, c=2 → pass@1 = .5, pass@2 = 1 − C(2,2)/C(4,2) = 5/6, pass@4 = 1; problem 1: 0
    expect(r.overall.passAtK[1]).toBeCloseTo(0.25, 12);
    expect(r.overall.passAtK[2]).toBeCloseTo(5 / 12, 12);
    expect(r.overall.passAtK[4]).toBeCloseTo(0.5, 12);
    expect(r.overall.majAtK[4]).toBe(0.5);
  });

  it('builds per-group tables, the verdict histogram, label agreement and timing', () => {
    expect(r.groups[0].field).toBe('level');
    expect(r.groups[0].rows.map((x) => [x.value, x.metrics.accuracy, x.metrics.majAtK[4]])).toEqual([
      ['1', 0.5, 1],
      ['2', 0, 0],
    ]);
    expect(r.verdicts).toEqual({ wrong: 4, correct: 2, no_answer: 1, error: 1 });
    expect(r.overall.labelAccuracy).toBe(2 / 8);
    // disagreements: (0,2) ours correct/label false, (1,3) ours wrong/label true
    expect(r.overall.agreement).toBe(6 / 8);
    expect(r.disagreements).toEqual([
      { problem: 0, sample: 2, verdict: 'correct', label: false },
      { problem: 1, sample: 3, verdict: 'wrong', label: true },
    ]);
    expect(r.timing.msPerSample).toBe(10);
  });

  it('renders text and a self-contained HTML page', () => {
    const text = renderText(r);
    expect(text).toContain('pass@4 %');
    expect(text).toContain('maj@2 %');
    expect(text).toMatch(/overall\s+2\s+8\s+25\.0/);
    const html = renderHtml(r);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(escapeHtml('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});
