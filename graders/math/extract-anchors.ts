/**
 * Phrase anchors ("the final answer is", `Answer:`, `####`, GSM8K's `A:`) and the answer text
 * after them, for extract.ts.
 */
import { findBoxes } from './extract-boxes.ts';
import {
  dropAnswerLabel,
  lastValue,
  mathSpans,
  stripDelimiters,
  stripTrailingPunct,
} from './extract-spans.ts';

/** At most this many phrase anchors (the last ones) are read per completion. */
const MAX_ANCHORS = 64;
/** Upper bound (characters) on an anchored answer line. */
const ANCHOR_MAX_CHARS = 400;

interface Anchored {
  text: string;
  method: string;
  at: number;
  /** "final answer": a stronger statement than a box that precedes it. */
  strong: boolean;
}

/**
 * Phrase anchors, each a linear regex: no nested quantifiers and no two adjacent optional
 * whitespace runs (`\s*(?:x)?\s*` backtracks quadratically on a long blank run). `anchor`: "final answer is",
 * "the answer is" (Minerva's "Final Answer: The final answer is X. I hope it is correct.",
 * MR-GSM8K "The answer is:"); `answer_line`: a line starting `Answer:` (bold allowed) or GSM8K's
 * `A:`; `hash`: GSM8K's `#### n`.
 */
const ANCHORS: readonly { re: RegExp; method: string; strong?: boolean }[] = [
  { re: /final\s+answer(?:\s*(?:is|:|=))?(?:\s*\*\*)?(?:\s*[:：])?/gi, method: 'anchor', strong: true },
  { re: /\banswer\s+(?:is|would\s+be|will\s+be)(?:\s*\*\*)?(?:\s*[:：])?/gi, method: 'anchor' },
  { re: /\b(?:option|choice)\s+is(?:\s*\*\*)?(?:\s*[:：])?/gi, method: 'anchor' },
  // `\[Answer: 009\]`: the line may open display or inline math first (pytorch/torchtitan #4442)
  {
    re: /(?:^|\n)[ \t>*#]*(?:(\\\[|\$\$|\\\(|\$)[ \t]*)?(?:\\text(?:bf)?\{\s*)?answer(?:\s*\*\*)?\s*[:：](?:\s*\})?/gi,
    method: 'answer_line',
  },
  { re: /(?:^|\n)[ \t]*A[ \t]*:/g, method: 'answer_line' },
  { re: /####/g, method: 'hash' },
  { re: /最终答案(?:是|为|：|:)?/g, method: 'anchor', strong: true },
  { re: /答案(?:是|为|：|:)/g, method: 'anchor' },
];

/** The closing delimiter of a math opener before an `Answer:` anchor. */
const CLOSERS: Readonly<Record<string, string>> = { '\\[': '\\]', $$: '$$', '\\(': '\\)', $: '$' };

/** Every anchored answer in order of position (an anchor inside a longer one is dropped). */
export function findAnchors(text: string): Anchored[] {
  const hits: { at: number; end: number; method: string; strong: boolean; closer?: string }[] = [];
  for (const { re, method, strong } of ANCHORS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const lead = m[0].startsWith('\n') ? 1 : 0;
      const closer = m[1] ? CLOSERS[m[1]] : undefined;
      hits.push({ at: m.index + lead, end: m.index + m[0].length, method, strong: strong === true, closer });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  hits.sort((a, b) => a.at - b.at || b.end - a.end);
  const out: Anchored[] = [];
  let coveredTo = -1;
  let strongHeading = false;
  // Only the last MAX_ANCHORS anchors are read: a completion with more is degenerate, and reading
  // every one would cost O(anchors × line length) on a 1 MB run of "the answer is".
  const from = Math.max(0, hits.length - MAX_ANCHORS);
  for (let i = from; i < hits.length; i++) {
    const h = hits[i];
    if (h.end <= coveredTo) continue; // nested in a previous anchor ("final answer is" ⊃ "answer is")
    coveredTo = h.end;
    const strong: boolean = h.strong || strongHeading;
    strongHeading = false;
    // "Final Answer: The final answer is 5": an anchor followed, on the same line and with only
    // words in between, by another anchor is a heading; the later one holds the answer
    let superseded = false;
    for (let j = i + 1; j < hits.length && hits[j].at - h.end < 40; j++) {
      if (hits[j].end > h.end && /^[A-Za-z*:\s]*$/.test(text.slice(h.end, hits[j].at))) {
        superseded = !text.slice(h.end, hits[j].at).includes('\n');
        break;
      }
    }
    if (superseded) {
      strongHeading = strong;
      continue;
    }
    const body = anchorBody(text, h.end, h.closer);
    if (body !== null) out.push({ text: body, method: h.method, at: h.at, strong });
  }
  return out;
}

export function findAnchor(text: string): Anchored | null {
  const all = findAnchors(text);
  return all.length > 0 ? all[all.length - 1] : null;
}

export function lastHashAnswer(text: string): string | null {
  const k = text.lastIndexOf('####');
  if (k < 0) return null;
  return anchorBody(text, k + 4);
}

/**
 * The answer text after an anchor: the rest of the line (the next line if the anchor ends its
 * line), cut at the first sentence end, with a leading math span preferred over prose.
 */
function anchorBody(text: string, from: number, closer?: string, continued = false): string | null {
  let start = from;
  // skip blanks and markdown bold (`**Answer:** 42`); an anchor ending its line takes the next line
  while (start < text.length && (text[start] === ' ' || text[start] === '\t' || text[start] === '*')) start++;
  // an answer in quotes: `"$12 $ and $13 $"` (the quote, escaped or not, is skipped)
  let quoted = false;
  if (text[start] === '\\' && text[start + 1] === '"') {
    start += 2;
    quoted = true;
  } else if (text[start] === '"' || text[start] === '“') {
    start++;
    quoted = true;
  }
  if (text[start] === '\n' || text[start] === '\r') {
    while (start < text.length && (/\s/.test(text[start]) || text[start] === '*')) start++;
  }
  let end = start;
  const limit = Math.min(text.length, start + ANCHOR_MAX_CHARS);
  // display math may span lines: `\[ … \]` and `$$ … $$`
  const displayClose = text.startsWith('\\[', start) ? '\\]' : text.startsWith('$$', start) ? '$$' : null;
  if (displayClose) {
    const close = text.slice(start + 2, start + 4 * ANCHOR_MAX_CHARS).indexOf(displayClose);
    if (close >= 0) end = start + 2 + close + 2;
  }
  if (end === start) {
    while (end < limit && text[end] !== '\n') end++;
  }
  // the anchor sat inside math (`\[Answer: 009\]`): the answer ends at that math's closer
  if (closer !== undefined) {
    const close = text.slice(start, end).indexOf(closer);
    if (close >= 0) end = start + close;
  }
  let line = text.slice(start, end).trim();
  // "Final Answer:\n The last three digits of $N$ are:\n \[009\]": a line that ends in a colon
  // introduces the answer on the next line (once)
  if (!continued && !displayClose && /[:：]$/.test(line) && end < text.length)
    return anchorBody(text, end, undefined, true);
  // "The final answer is $\boxed{5}$": a box right after the anchor is the anchored answer; a box
  // later on the line is not (Math-Verify test_boxed_match_priority: "final answer is $9999$, \boxed{1}")
  if (/^(?:\$+|\\[([])?\s*\\(?:boxed|fbox)(?![A-Za-z])/.test(line)) {
    const boxed = findBoxes(line);
    if (boxed.length > 0) return boxed[0];
  }
  if (quoted) {
    // the answer ends at the closing quote
    const close = line.search(/\\?["”]/);
    if (close >= 0) line = line.slice(0, close);
  }
  line = cutSentence(line).replace(LEAD_ADVERB, '');
  // "So answer is consistent.", "this answer is right": a verdict on the answer, not the answer
  if (VERDICT_WORD.test(line)) return null;
  // "the answer is an integer between 0 and 999": a description of the answer, not the answer;
  // "the answer is a fraction: 3/4" gives what follows the colon
  const described = DESCRIPTION.exec(line);
  if (described) {
    const after = /^\s*[:：=]\s*(\S.*)$/.exec(line.slice(described[0].length));
    if (after === null) return null;
    line = after[1];
  }
  const spans = mathSpans(line);
  if (spans.length > 0 && spans[0].start <= 2) {
    // "$\frac12$ cups" → the span; "$2$ or $3$", "$x=1$ and $y=2$", "$3$ (or $4$)" keep every
    // part (and the hedge)
    const rest = line.slice(spans[0].end).trim();
    if (/^(?:,|\(?\s*(?:and|or)\b)/i.test(rest) && spans.length > 1) return stripDelimiters(line);
    // `\[Answer: 009\]` after an intro line: the span's own "Answer:" label is not the answer
    return stripTrailingPunct(dropAnswerLabel(spans[0].inner), true) || null;
  }
  line = stripTrailingPunct(line.replace(/^\*\*|\*\*$/g, '').trim());
  // "The answer is E: A polygenic risk score": a choice letter labelling its option text is the
  // answer (normalisation keeps the letter), not a sentence to take a value from
  if (/^\(?[A-J](?:\)|\s*[:.])\s+\S/.test(line)) return line;
  // "The volume of $ABCDEFGH$ is 120": a sentence after the anchor; its last value is the answer
  if (isSentence(line)) return lastValue(line);
  // "18 because she had …", "$15 in total": a leading number followed by prose is the number
  // (lm-eval's GSM8K rule reads `The answer is (-?[0-9.,]+)`)
  const lead = /^([-+]?\\?\$?\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:\\?%|percent\b))?)\s+([A-Za-z]{2,})/.exec(line);
  if (lead && !PROSE_KEEPS.has(lead[2].toLowerCase())) return lead[1];
  return line === '' ? null : line;
}

/**
 * A discourse adverb between the anchor and the answer ("the answer is therefore 5", "thus $5$"):
 * dropped.
 */
const LEAD_ADVERB =
  /^(?:therefore|thus|hence|so|then|clearly|indeed|simply|just|now|exactly|actually|definitely|also|still|probably|likely|certainly|surely|obviously)\b[\s,]*(?=\S)/i;

/**
 * An anchored text that judges the answer instead of stating it: "So answer is consistent." (the
 * Math-Verify #76 completion), "this answer is right", "the answer is below". ("The answer is
 * not 5" stays `not 5`: dropping it would let the fallback read 5.) Word answers such as `Devon`, `even`, `yes` or `no solution` stay answers.
 */
const VERDICT_WORD =
  /^(?:consistent|inconsistent|correct|incorrect|right|wrong|valid|invalid|verified|confirmed|reasonable|unreasonable|plausible|implausible|clear|obvious|below|above|following|as\s+follows|same|unchanged|different|likely|unlikely|checked)\b(?![-'])/i;

/**
 * "a positive integer", "an integer", "a three-digit number", "a common fraction": the kind of
 * the answer (AIME prompts say "the answer is an integer between 0 and 999"), not its value.
 */
const DESCRIPTION =
  /^an?\s+(?:(?:positive|negative|non-?negative|non-?positive|nonzero|non-zero|whole|natural|real|rational|irrational|complex|single|simple|exact|common|proper|improper|mixed|reduced|\w+-digit|finite|unique)\s+)*(?:integer|number|fraction|decimal|value|expression|multiple|numeral|prime|root|solution|angle|ratio|percentage|answer)s?\b/i;

/** Prose: two or more words of 3+ letters outside math spans, before any value. */
function isSentence(line: string): boolean {
  const spans = mathSpans(line);
  let plain = '';
  let last = 0;
  for (const sp of spans) {
    plain += `${line.slice(last, sp.start)} `;
    last = sp.end;
  }
  plain += line.slice(last);
  const firstDigit = plain.search(/\d/);
  const head = firstDigit < 0 ? plain : plain.slice(0, firstDigit);
  return (head.replace(/\\[A-Za-z]+/g, ' ').match(/[A-Za-z]{3,}/g) ?? []).length >= 2;
}

/** Words after a leading number that continue the answer rather than start prose. */
const PROSE_KEEPS = new Set([
  'and',
  'or',
  'pi',
  'sqrt',
  'times',
  'plus',
  'minus',
  'over',
  'divided',
  'mod',
  'log',
  'ln',
]);

/** Cut at the first sentence end outside math and braces: `.`, `!`, `?` or `;` followed by a blank or the end. */
function cutSentence(line: string): string {
  let depth = 0;
  let inMath = false;
  // an odd number of `$` means one is a currency sign ("$15. Next she"): then `$` delimits nothing
  const dollars = (line.match(/(?<!\\)\$/g) ?? []).length;
  const toggles = dollars % 2 === 0;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (c === '$') inMath = toggles ? !inMath : false;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (!inMath && depth <= 0 && c === '。') return line.slice(0, k);
    else if (!inMath && depth <= 0 && (c === '.' || c === '!' || c === '?' || c === ';')) {
      const next = line[k + 1];
      if (next === undefined) return line.slice(0, k);
      if (next === ' ' || next === '\t') return line.slice(0, k);
    }
  }
  return line;
}
