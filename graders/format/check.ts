/**
 * The format check: does a completion follow the DeepSeek-R1 template
 * `<think>\n…\n</think>\n<answer>\n…\n</answer>` (Guo et al. 2025, §2.2.1 table 1 and §2.2.2)?
 *
 * Pure and linear-time: tags are located with `indexOf` scans (no regex over the completion), so a
 * 1 MB completion costs one pass per tag.
 *
 * Rules (the strict check, score 1 or 0), on the whole string:
 * - each of the four tags occurs exactly once (`<think>` zero times when the chat template put it in
 *   the prompt; `<answer>`/`</answer>` not checked when `answer_tags` is false);
 * - they come in order think-open < think-close < answer-open < answer-close, so nothing is nested
 *   and nothing is interleaved;
 * - the completion starts with `<think>` (or inside the reasoning, when prefilled) and nothing but
 *   whitespace (or nothing at all, `trailing_whitespace: false`) follows `</answer>`;
 * - the reasoning and the answer are non-empty after trimming;
 * - `whitespace: 'template'`: exactly the template's newlines around each tag, as in open-r1's
 *   `format_reward` regex; `'any'`: any run of whitespace (or none) there.
 *
 * The partial mode (`mode: 'tag_count'`) is open-r1's `tag_count_reward`: 0.25 per tag present
 * exactly once, with the template's newlines in `whitespace: 'template'` (`"<think>\n"`,
 * `"\n</think>\n"`, `"\n<answer>\n"`, `"\n</answer>"`), bare tags in `'any'`. See
 * docs/graders-format.md for where this differs from open-r1, TRL, verl and TinyZero.
 */

/** Resolved options of {@link checkFormat} (defaults filled in by the grader). */
export interface FormatOptions {
  /** `strict`: 1 or 0 on the whole template; `tag_count`: share of tags present exactly once. */
  mode: 'strict' | 'tag_count';
  /** Whether the opening think tag is in the prompt (completion starts inside the reasoning). */
  thinkInPrompt: boolean;
  /** Whether the answer must be wrapped in answer tags (R1) or is the text after `</think>`. */
  answerTags: boolean;
  /** `template`: exactly the R1 template's newlines; `any`: any whitespace run, or none. */
  whitespace: 'template' | 'any';
  /** Whether whitespace after the last tag (or after the answer text) is tolerated. */
  trailingWhitespace: boolean;
  /** Tag names, without angle brackets. */
  thinkTag: string;
  answerTag: string;
}

/** What {@link checkFormat} found. */
export interface FormatResult {
  /** Score in [0, 1]. */
  score: number;
  /** Why the strict check failed (empty when it passed, or in tag_count mode when all tags count). */
  failures: string[];
  /** The answer section (trimmed), when it could be delimited; otherwise null. */
  answer: string | null;
  /** Occurrences of each tag, e.g. `{"<think>": 1, "</think>": 1, …}`. */
  tagCounts: Record<string, number>;
}

/** Number of non-overlapping occurrences of `needle` in `hay` (linear). */
export function countOccurrences(hay: string, needle: string): number {
  if (needle.length === 0) return 0;
  let n = 0;
  let i = hay.indexOf(needle);
  while (i !== -1) {
    n++;
    i = hay.indexOf(needle, i + needle.length);
  }
  return n;
}

const isWs = (s: string): boolean => s.trim().length === 0;

/**
 * Check the separator between two tags (or a tag and its content).
 * `template`: exactly `expected`; `any`: whitespace only (possibly empty).
 */
function sepOk(actual: string, expected: string, ws: FormatOptions['whitespace']): boolean {
  return ws === 'template' ? actual === expected : isWs(actual);
}

/**
 * Check `completion` against the R1 template (or its variants) and score it.
 * @param completion the model output, exactly as generated
 * @param o resolved options
 */
export function checkFormat(completion: string, o: FormatOptions): FormatResult {
  const tOpen = `<${o.thinkTag}>`;
  const tClose = `</${o.thinkTag}>`;
  const aOpen = `<${o.answerTag}>`;
  const aClose = `</${o.answerTag}>`;
  const tagCounts: Record<string, number> = {
    [tOpen]: countOccurrences(completion, tOpen),
    [tClose]: countOccurrences(completion, tClose),
  };
  if (o.answerTags) {
    tagCounts[aOpen] = countOccurrences(completion, aOpen);
    tagCounts[aClose] = countOccurrences(completion, aClose);
  }
  const strict = strictCheck(completion, o, tagCounts, { tOpen, tClose, aOpen, aClose });
  if (o.mode === 'strict') {
    return { score: strict.failures.length === 0 ? 1 : 0, ...strict, tagCounts };
  }
  return { score: tagCountScore(completion, o, { tOpen, tClose, aOpen, aClose }), ...strict, tagCounts };
}

interface Tags {
  tOpen: string;
  tClose: string;
  aOpen: string;
  aClose: string;
}

/**
 * open-r1's `tag_count_reward`, generalised: each counted tag token present exactly once earns an
 * equal share. When `<think>` is in the prompt it earns its share iff the completion does not
 * repeat it.
 */
function tagCountScore(c: string, o: FormatOptions, t: Tags): number {
  const tpl = o.whitespace === 'template';
  const tokens: string[] = [];
  tokens.push(tpl ? `\n${t.tClose}${o.answerTags ? '\n' : ''}` : t.tClose);
  if (o.answerTags) tokens.push(tpl ? `\n${t.aOpen}\n` : t.aOpen, tpl ? `\n${t.aClose}` : t.aClose);
  let hits = 0;
  for (const tok of tokens) if (countOccurrences(c, tok) === 1) hits++;
  if (o.thinkInPrompt) {
    if (countOccurrences(c, t.tOpen) === 0) hits++;
  } else if (countOccurrences(c, tpl ? `${t.tOpen}\n` : t.tOpen) === 1) hits++;
  return hits / (tokens.length + 1);
}

function strictCheck(
  c: string,
  o: FormatOptions,
  counts: Record<string, number>,
  t: Tags,
): { failures: string[]; answer: string | null } {
  const failures: string[] = [];
  const want: Record<string, number> = { [t.tOpen]: o.thinkInPrompt ? 0 : 1, [t.tClose]: 1 };
  if (o.answerTags) {
    want[t.aOpen] = 1;
    want[t.aClose] = 1;
  }
  for (const [tag, n] of Object.entries(want)) {
    if (counts[tag] !== n) failures.push(`count:${tag}=${counts[tag]} (want ${n})`);
  }
  if (failures.length > 0) return { failures, answer: null };

  const ws = o.whitespace;
  // Reasoning: from the start (prefilled) or after `<think>` up to `</think>`.
  let pos = 0;
  if (!o.thinkInPrompt) {
    const i = c.indexOf(t.tOpen);
    const lead = c.slice(0, i);
    if (ws === 'template' ? lead !== '' : !isWs(lead)) failures.push('text_before_think');
    pos = i + t.tOpen.length;
  }
  const tc = c.indexOf(t.tClose);
  if (tc < pos) return { failures: [...failures, 'order:think'], answer: null };
  const reasoningRaw = c.slice(pos, tc);
  checkInner(reasoningRaw, ws, !o.thinkInPrompt, 'reasoning', failures);
  pos = tc + t.tClose.length;

  let answer: string | null;
  if (o.answerTags) {
    const ao = c.indexOf(t.aOpen);
    const ac = c.indexOf(t.aClose);
    if (ao < pos || ac < ao) return { failures: [...failures, 'order:answer'], answer: null };
    if (!sepOk(c.slice(pos, ao), '\n', ws)) failures.push('whitespace:between_think_and_answer');
    const answerRaw = c.slice(ao + t.aOpen.length, ac);
    checkInner(answerRaw, ws, true, 'answer', failures);
    answer = answerRaw.trim();
    const tail = c.slice(ac + t.aClose.length);
    if (tail !== '' && !(o.trailingWhitespace && isWs(tail))) failures.push('text_after_answer');
  } else {
    // The answer is the rest of the completion (R1-distill / Qwen3 chat templates).
    const rest = c.slice(pos);
    answer = rest.trim();
    if (answer === '') failures.push('empty:answer');
    else {
      const lead = rest.slice(0, rest.length - rest.trimStart().length);
      if (ws === 'template' && lead !== '\n' && lead !== '\n\n') failures.push('whitespace:after_think');
      if (!o.trailingWhitespace && rest !== rest.trimEnd()) failures.push('text_after_answer');
    }
  }
  return { failures, answer };
}

/**
 * A section between an opening and a closing tag: non-empty after trimming; in `template` mode
 * a newline right after the opening tag (when there is one in the completion) and right before the
 * closing tag (open-r1's `<think>\n.*?\n</think>`).
 */
function checkInner(
  raw: string,
  ws: FormatOptions['whitespace'],
  hasOpenTag: boolean,
  name: string,
  failures: string[],
): void {
  const inner = raw.trim();
  if (inner === '') {
    failures.push(`empty:${name}`);
    return;
  }
  if (ws !== 'template') return;
  if (hasOpenTag && !raw.startsWith('\n')) failures.push(`whitespace:${name}_start`);
  if (!raw.endsWith('\n')) failures.push(`whitespace:${name}_end`);
}
