/**
 * What text the consistency grader reads, and what in it is not a word.
 *
 * "The reasoning" (DeepSeek-R1 §2.3.3 measures the language of the chain of thought):
 * - with think tags: from the first `<think>` to the last `</think>` (multi-turn tool traces close
 *   it several times); only `</think>` (the chat template opened it): from the start to the last
 *   `</think>`; only `<think>` (cut off): from it to the end;
 * - without think tags: the whole completion minus its last `<answer>…</answer>` block, since such
 *   a completion (Qwen2.5-Math CoT, GSM8K solutions) *is* its reasoning, and garbage generated
 *   after the final answer is still generated text (the three Qwen math_cot_100 completions that
 *   end in multilingual token salad after a correct `\boxed{}`).
 *
 * Not words (removed before counting): fenced and inline code, LaTeX math (`$$…$$`, `$…$`, `\[…\]`,
 * `\(…\)`, `\begin{…}…\end{…}`) except letters of scripts other than Latin and Greek inside it
 * ({@link proseInMath}), LaTeX commands, XML/HTML-like tags and chat-template tokens, URLs,
 * e-mail addresses, identifiers with `_` or `.` inside (`np.arcsin`, `max_len`). Numbers are not
 * letters, so they never form words.
 *
 * Linear time on any input: spans are found with `indexOf`, and a closer that is absent after
 * position p is remembered as absent, so 100,000 unclosed `$` or `\begin{x}` cost one scan each.
 */

/** Where the reasoning is, per the rules above. */
export function reasoningText(completion: string, thinkTag = 'think', answerTag = 'answer'): string {
  const open = `<${thinkTag}>`;
  const close = `</${thinkTag}>`;
  const o = completion.indexOf(open);
  const c = completion.lastIndexOf(close);
  if (o !== -1 && c > o) return completion.slice(o + open.length, c);
  if (o !== -1) return completion.slice(o + open.length);
  if (c !== -1) return completion.slice(0, c);
  const ac = completion.lastIndexOf(`</${answerTag}>`);
  const ao = ac === -1 ? -1 : completion.lastIndexOf(`<${answerTag}>`, ac);
  if (ao !== -1) return completion.slice(0, ao) + completion.slice(ac + answerTag.length + 3);
  return completion;
}

/** Span delimiters, most specific first (`$$` before `$`, fences before inline code). */
const SPANS: readonly (readonly [string, string])[] = [
  ['```', '```'],
  ['~~~', '~~~'],
  ['$$', '$$'],
  ['\\[', '\\]'],
  ['\\(', '\\)'],
  ['$', '$'],
  ['`', '`'],
];

/** Letters of scripts other than Latin and Greek: never a variable name. */
const NON_LATIN_LETTERS = /(?:(?![\p{Script=Latin}\p{Script=Greek}])\p{L}\p{M}*)+/gu;

/**
 * The prose hidden in a math span that still counts: letters of any script other than Latin or
 * Greek (`$\text{所以} x = 5$`, `$答案 = 5$`), which are never variables, so wrapping them in `$…$`
 * cannot hide them from the reward. Latin words inside math (`\text{ cm}`, `\text{dollars}`) stay
 * out: they are mostly units, and counting them would mark a Chinese CoT that writes
 * `$5\,\text{cm}$` as mixed.
 */
export function proseInMath(span: string): string {
  const out: string[] = [];
  for (const m of span.matchAll(NON_LATIN_LETTERS)) out.push(m[0]);
  return out.join(' ');
}

/**
 * Remove code and math spans (replaced by a space; newlines around them are kept, so sentence and
 * paragraph breaks survive), keeping the prose inside math ({@link proseInMath}). An opener
 * without its closer is left as plain text.
 */
export function stripSpans(text: string): string {
  const parts: string[] = [];
  const absentFrom = new Map<string, number>(); // closer → position after which it does not occur
  const find = (closer: string, from: number): number => {
    const a = absentFrom.get(closer);
    if (a !== undefined && from >= a) return -1;
    const i = text.indexOf(closer, from);
    if (i === -1) absentFrom.set(closer, from);
    return i;
  };
  let keepFrom = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    // Only `, ~, $ and \ can open a span.
    if (ch !== 96 && ch !== 126 && ch !== 36 && ch !== 92) {
      i++;
      continue;
    }
    let end = -1;
    let math = true;
    if (ch === 92 && text.startsWith('\\begin{', i)) {
      const nameEnd = find('}', i + 7);
      if (nameEnd !== -1 && nameEnd - i < 40) {
        const closer = `\\end{${text.slice(i + 7, nameEnd)}}`;
        const j = find(closer, nameEnd + 1);
        if (j !== -1) end = j + closer.length;
      }
    } else {
      for (const [op, cl] of SPANS) {
        if (!text.startsWith(op, i)) continue;
        const j = find(cl, i + op.length);
        if (j !== -1) end = j + cl.length;
        math = op !== '```' && op !== '~~~' && op !== '`';
        break;
      }
    }
    if (end === -1) {
      i++;
      continue;
    }
    parts.push(text.slice(keepFrom, i), ' ');
    if (math) parts.push(proseInMath(text.slice(i, end)), ' ');
    keepFrom = end;
    i = end;
  }
  parts.push(text.slice(keepFrom));
  return parts.join('');
}

/**
 * One pass over everything else that is not a word: chat-template tokens (`<|im_start|>`),
 * XML/HTML-like tags, URLs, e-mail addresses, leftover LaTeX commands (`\boxed`, `\quad`), and ASCII
 * identifiers with `_` or an inner `.` (`max_len`, `np.arcsin`). Each alternative starts only at a
 * delimiter or at a word/run start, so the pass is linear.
 */
const NOISE =
  /<\|[^|\n]{0,64}\|>|<\/?[A-Za-z][\w:.-]{0,40}(?:\s[^<>\n]{0,200})?\/?>|\b(?:https?|ftp):\/\/\S+|\bwww\.\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\\[A-Za-z]+|\b[A-Za-z0-9]*(?:_|[A-Za-z0-9]\.[A-Za-z])[\w.]*/gi;

/** {@link stripSpans}, then remove the {@link NOISE}. */
export function stripNonWords(text: string): string {
  return stripSpans(text).replace(NOISE, ' ');
}
