/**
 * Math grading cost per item on one thread, by stage, on the peer cases
 * (shared/data/math/cases/*.jsonl `verify` rows: gold → reference, pred → completion):
 * - extract + normalize both sides (the baseline: the string work every grader does);
 * - the whole grader (`gradeMath`: extract, normalize, parse, compare);
 * - `verify(gold, pred)` on already-extracted answers (what majority voting calls per pair).
 * Issue 2's budget: ≤ 300 µs per item on one core (≥ 5,000 comparisons/s on 2 cores);
 * Math-Verify 0.8.0 does ~80/s on one core of this machine kind.
 */
import { readFileSync } from 'node:fs';
import { extractAnswer, extractReference } from '../../graders/math/extract.ts';
import { gradeMath, verify } from '../../graders/math/index.ts';
import { normalizeAnswer } from '../../graders/math/normalize.ts';
import { type Bench, type BenchRow, percentile } from '../lib.ts';

interface Pair {
  gold: string;
  pred: string;
}

function peerPairs(): Pair[] {
  const out: Pair[] = [];
  for (const file of ['mathverify_public.jsonl', 'other_graders_public.jsonl']) {
    for (const line of readFileSync(`/work/shared/data/math/cases/${file}`, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line);
      if (row.kind === 'verify') out.push({ gold: String(row.gold), pred: String(row.pred ?? '') });
    }
  }
  return out;
}

/** Run `fn` over `pairs` `rounds` times; per-item times in µs. */
function timeEach(pairs: Pair[], rounds: number, fn: (p: Pair) => unknown): number[] {
  for (const p of pairs) fn(p); // warm-up
  const us: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of pairs) {
      const t0 = performance.now();
      fn(p);
      us.push((performance.now() - t0) * 1000);
    }
  }
  return us;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const bench: Bench = {
  name: 'math grader stages (peer cases, 1 thread)',
  async run(): Promise<BenchRow[]> {
    const pairs = peerPairs();
    const rounds = 20;
    const strings = timeEach(pairs, rounds, ({ gold, pred }) => {
      normalizeAnswer(extractReference(gold).answer ?? '');
      normalizeAnswer(extractAnswer(pred).answer ?? '');
    });
    const cpu0 = process.cpuUsage();
    const full = timeEach(pairs, rounds, ({ gold, pred }) => gradeMath(pred, gold, {}));
    const cpu = process.cpuUsage(cpu0);
    // CPU time is what the 2-core budget is about; wall time on a shared machine includes waiting
    const cpuPerItem = (cpu.user + cpu.system) / (pairs.length * (rounds + 1));
    const extracted = pairs.map(({ gold, pred }) => ({
      gold: extractReference(gold).answer ?? '',
      pred: extractAnswer(pred).answer ?? '',
    }));
    const cmp = timeEach(extracted, rounds, ({ gold, pred }) => verify(gold, pred));
    const note = `${pairs.length} peer cases × ${rounds}`;
    const base = 'extract + normalize (baseline)';
    return [
      { name: base, value: 1e6 / mean(strings), unit: 'items/s', note },
      {
        name: 'whole grader (extract → compare)',
        value: 1e6 / mean(full),
        unit: 'items/s',
        baseline: base,
        note,
      },
      { name: 'whole grader, mean', value: mean(full), unit: 'µs' },
      { name: 'whole grader, CPU time per item', value: cpuPerItem, unit: 'µs', note: 'process.cpuUsage' },
      { name: 'whole grader, p99', value: percentile(full, 99), unit: 'µs' },
      {
        name: 'verify(gold, pred) on extracted answers',
        value: 1e6 / mean(cmp),
        unit: 'cmp/s',
        baseline: base,
      },
      { name: 'verify, p99', value: percentile(cmp, 99), unit: 'µs' },
    ];
  },
};

export default bench;
