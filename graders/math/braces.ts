/**
 * Brace matching shared by extraction, normalisation and parsing: one linear scan, escaped
 * `\{`/`\}` ignored, no recursion (10,000 nested braces must not blow the stack).
 */

/** Index of the `}` matching the `{` at `open` (escaped `\{`/`\}` ignored), or -1. */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}
