/**
 * Find the Countdown answer (an arithmetic expression) in a completion.
 *
 * 1. TinyZero's rule: the content of the last `<answer>…</answer>` block. Unlike TinyZero we do
 *    not first cut the text at `Assistant:` and keep only its last line (we receive the
 *    completion alone, and a block may span lines).
 * 2. Otherwise (`bare`, default on) a bare expression: the last non-empty line of the final
 *    response (after the last `</think>`; none when `<think>` was opened and never closed, since
 *    the model was cut off mid-reasoning), if that line is nothing but digits, `+ - * /`, their
 *    Unicode/LaTeX spellings, parentheses and spaces, with at least one operator and no `=`
 *    (a line like `3 + 5 = 8` is a step of the working, not the answer).
 *
 * Either way one wrapper is removed: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, `\boxed{…}`, and a final
 * full stop. Linear: `lastIndexOf` scans and one line.
 */
import { normalizeOperators } from './expr.ts';

export interface ExtractedAnswer {
  /** The answer text, unwrapped and trimmed (may still be malformed: the parser decides). */
  text: string;
  source: 'answer_tag' | 'bare';
}

function unwrap(s: string): string {
  let t = s.trim().replace(/\.$/, '').trim();
  for (const [open, close] of [
    ['$$', '$$'],
    ['$', '$'],
    ['\\(', '\\)'],
    ['\\[', '\\]'],
  ]) {
    if (t.length >= open.length + close.length && t.startsWith(open) && t.endsWith(close)) {
      t = t.slice(open.length, t.length - close.length).trim();
      break;
    }
  }
  if (t.startsWith('\\boxed{') && t.endsWith('}')) t = t.slice(7, -1).trim();
  return t.replace(/\.$/, '').trim();
}

const BARE = /^[\d\s+\-*/()]+$/;

/**
 * @param completion the model output
 * @param bare whether to fall back to a bare expression line
 * @returns the answer, or null when the completion gives none
 */
export function extractCountdownAnswer(completion: string, bare: boolean): ExtractedAnswer | null {
  const close = completion.lastIndexOf('</answer>');
  if (close !== -1) {
    const open = completion.lastIndexOf('<answer>', close);
    if (open !== -1) return { text: unwrap(completion.slice(open + 8, close)), source: 'answer_tag' };
  }
  if (!bare) return null;
  const thinkEnd = completion.lastIndexOf('</think>');
  if (thinkEnd === -1 && completion.includes('<think>')) return null;
  const region = thinkEnd === -1 ? completion : completion.slice(thinkEnd + 8);
  const trimmed = region.trimEnd();
  const line = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
  const text = unwrap(line);
  const plain = normalizeOperators(text);
  if (!BARE.test(plain) || !/\d/.test(plain) || !/[+\-*/]/.test(plain)) return null;
  return { text, source: 'bare' };
}
