/**
 * Language consistency (DeepSeek-R1, Guo et al. 2025, §2.3.3): "the proportion of target language
 * words in the CoT". This module counts words and decides, per word, whether it is in the target
 * language.
 *
 * Words: maximal runs of letters of one Unicode script (apostrophes inside Latin words kept:
 * `don't`, `l'équation`). In Chinese and Japanese every character counts as a word, as word
 * processors count CJK text (a Chinese word averages about 1.5 characters): ICU's dictionary word
 * breaker measured ~0.5 µs per character (1 ms for 2 KB of Chinese) and its dictionaries change
 * with Node's ICU, which would change verdicts for the same input. Runs of Thai, Lao, Khmer and
 * Myanmar, which have no such convention, are split by ICU (`Intl.Segmenter`, built into Node).
 * One-letter Latin and Greek runs are not counted: in reasoning they are variables (`x`, `n`,
 * `α`), and the English `a`/`I` they also drop are in every language's denominator alike.
 *
 * In the target language or not:
 * 1. a word whose script the target language is not written in is foreign (an English word in a
 *    Chinese CoT, a Hangul word in an English one), with no model involved;
 * 2. a word in a script the target shares with other languages (Latin, Cyrillic, Arabic,
 *    Devanagari, Han+kana) is judged with the sentence it stands in: consecutive sentences are
 *    pooled until they hold {@link MIN_CHUNK_LETTERS} letters of that script, and eld (Nito-ELD, an
 *    n-gram language identifier, `small` tables) names the chunk's language. The chunk's words are
 *    foreign only when eld reliably names another language *and* scores the target below
 *    {@link CLOSE} of its best guess ({@link chunkVerdict}: close languages such as es/pt score near
 *    each other); a chunk shorter than the minimum (a tail, or a whole reasoning of a few words)
 *    takes the verdict of the chunk before it, else counts as the target (a few words are no
 *    evidence: eld names `hola amigo como estas` Portuguese);
 * 3. when eld does not know the target (e.g. Swahili), the script alone decides.
 *
 * Bounded: at most {@link MAX_CHARS} characters are read ({@link sampleStripped}), in one pass to
 * strip and one to tokenize, with at most {@link MAX_LID_CALLS} eld calls of at most
 * {@link LID_CHARS} characters each.
 */
import { eld } from 'eld/small';
import { stripNonWords } from './prepare.ts';
import {
  closeLanguages,
  eldCode,
  type Family,
  familyOf,
  LANGUAGE_FAMILIES,
  type LidGroup,
  lidGroupOf,
  SEGMENTER_LOCALE,
  UNSPACED,
} from './scripts.ts';

/** Letters of a shared script pooled before asking eld (≈ 8 English words). */
export const MIN_CHUNK_LETTERS = 40;
/** Most eld calls per completion; beyond, chunks grow. */
export const MAX_LID_CALLS = 1024;
/** Characters of a chunk given to eld (eld itself reads at most 1,000). */
export const LID_CHARS = 64;
/** Longest reasoning read whole; longer ones are read in {@link WINDOWS} evenly spaced windows. */
export const MAX_CHARS = 65_536;
/** Windows read from a longer reasoning, the first at its start and the last at its end. */
export const WINDOWS = 16;

/**
 * The text to read: all of it up to {@link MAX_CHARS}; beyond, {@link WINDOWS} windows of
 * MAX_CHARS / WINDOWS characters, evenly spaced from the start to the end (so token salad at the
 * end of a runaway generation is always read), each stripped on its own (a `$` opened in one
 * window cannot swallow the next) and joined as paragraphs. The share of a sample of 64 K
 * characters estimates the share of the whole; reading a megabyte of Thai through ICU's word
 * breaker would take seconds.
 */
export function sampleStripped(text: string): { text: string; sampled: boolean } {
  if (text.length <= MAX_CHARS) return { text: stripNonWords(text), sampled: false };
  const w = Math.floor(MAX_CHARS / WINDOWS);
  const parts: string[] = [];
  for (let k = 0; k < WINDOWS; k++) {
    const at = Math.round((k * (text.length - w)) / (WINDOWS - 1));
    parts.push(stripNonWords(text.slice(at, at + w)));
  }
  return { text: parts.join('\n\n'), sampled: true };
}

/**
 * A chunk's verdict: the target (`true`) or the foreign eld language code. Foreign only when eld
 * reliably names another language and either scores the target below {@link CLOSE} of its best
 * guess, or the reasoning as a whole (`documentLanguage()`, eld on its first {@link DOC_CHARS}
 * characters of that script, asked only then) is reliably that other language too. Closely related
 * languages (es/pt, no/da, cs/sk, hr/sr/bs, ru/uk) score near each other on sentence-length text: a
 * Spanish chunk named Portuguese in a Spanish reasoning counts for Spanish, while a whole Ukrainian
 * reasoning under a Russian target stays foreign. No n-gram evidence, or an unsure eld, counts for
 * the target. A foreign *script* never comes here (decided before, without a model).
 */
export function chunkVerdict(
  r: { language: string; isReliable(): boolean; getScores(): Record<string, number> },
  targetEld: string,
  documentLanguage: () => string,
): string | true {
  const lang = r.language;
  if (lang === '' || lang === targetEld || !r.isReliable()) return true;
  const scores = r.getScores();
  const best = Math.max(0, ...Object.values(scores));
  if ((scores[targetEld] ?? 0) < CLOSE * best) return lang;
  const doc = documentLanguage();
  return doc !== '' && doc !== targetEld ? lang : true;
}

/** Characters of a reasoning's script group given to eld for its whole-document verdict. */
export const DOC_CHARS = 1000;

/** Share of eld's best score at or above which the target wins a chunk (see {@link chunkVerdict}). */
export const CLOSE = 0.9;

/** One run of letters of one family, with the number of words it counts for. */
interface Run {
  text: string;
  family: Family;
  words: number;
  /** A sentence ends between the previous run and this one. */
  newSentence: boolean;
}

const segmenters = new Map<string, Intl.Segmenter>();
function countUnspaced(run: string, family: Family): number {
  // Chinese and Japanese: one character, one word (see the module docs).
  if (family === 'Hani' || family === 'Kana') {
    let n = 0;
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++; // count code points: skip low surrogates
    }
    return n;
  }
  if (run.length === 1) return 1;
  const locale = SEGMENTER_LOCALE[family] ?? 'und';
  let seg = segmenters.get(locale);
  if (!seg) {
    seg = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, seg);
  }
  let n = 0;
  for (const s of seg.segment(run)) if (s.isWordLike) n++;
  return n;
}

/**
 * Latin tokens that are mathematics written in words, not language: function and operator names
 * (`sin`, `sqrt`, `mod`), Greek letter names (`theta`). DeepScaleR traces write `sqrt sin theta`
 * outside any `$…$`; eld then names such chunks Estonian or Yoruba.
 */
export const MATH_WORDS: ReadonlySet<string> = new Set(
  (
    'sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh log ln lg exp sqrt cbrt gcd lcm mod rem ' +
    'max min sup inf lim det deg frac dfrac tfrac cdot times div pm mp leq geq neq approx equiv pi alpha beta ' +
    'gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi omicron rho sigma tau ' +
    'upsilon phi varphi chi psi omega'
  ).split(' '),
);

/** All-capital Latin tokens of 2–4 letters: points, segments and angles (`AB`, `ABC`, `DP`). */
const CAPS = /^[A-Z]{2,4}$/;

/** Families with their own alternative in {@link RUN_RE} (group index - 1 → family). */
const RUN_FAMILIES: readonly Family[] = ['Latn', 'Hani', 'Kana', 'Cyrl', 'Hang', 'Arab', 'Deva', 'Grek'];
/** Within a span of letters: a run of one frequent family, or one letter of any other script. */
const RUN_RE =
  /(\p{Script=Latin}[\p{Script=Latin}\p{M}]*(?:['’]\p{Script=Latin}[\p{Script=Latin}\p{M}]*)*)|([\p{Script=Han}]+)|([\p{Script=Hiragana}\p{Script=Katakana}ー]+)|(\p{Script=Cyrillic}[\p{Script=Cyrillic}\p{M}]*)|(\p{Script=Hangul}+)|(\p{Script=Arabic}[\p{Script=Arabic}\p{M}]*)|(\p{Script=Devanagari}[\p{Script=Devanagari}\p{M}]*)|(\p{Script=Greek}[\p{Script=Greek}\p{M}]*)|(\p{L}\p{M}*)/gu;
/**
 * Candidate spans, without Unicode mode (twice as fast): group 1 is a plain ASCII word (the common
 * case, no script analysis needed) not followed by another letter; otherwise a span of ASCII
 * letters, apostrophes and any non-ASCII code unit (letters, marks, surrogates, but also CJK
 * punctuation), which {@link RUN_RE} then splits into runs of letters.
 */
const SPAN_RE = /([A-Za-z]+(?:['’][A-Za-z]+)*)(?![A-Za-z\u00C0-\uFFFF'’])|[A-Za-z\u00C0-\uFFFF'’]+/g;

/** Whether a Latin run counts as a word (see the module docs and {@link MATH_WORDS}). */
function latinWord(raw: string): boolean {
  const n = raw.length;
  if (n < 2) return false;
  const c0 = raw.charCodeAt(0);
  if (c0 >= 97 && c0 <= 122) return !(n <= 8 && MATH_WORDS.has(raw)); // lower-case start: the usual case
  if (n <= 4 && CAPS.test(raw)) return false;
  return !(n <= 8 && MATH_WORDS.has(raw.toLowerCase()));
}

/** Sentence ends between two runs: `.!?`, CJK full stops, line breaks. */
function hasSentenceEnd(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (
      c === 46 ||
      c === 33 ||
      c === 63 ||
      c === 10 ||
      c === 0x3002 ||
      c === 0xff01 ||
      c === 0xff1f ||
      c === 0xff1b
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Split text into runs of letters of one family, with word counts, in one pass. Letters of rarer
 * scripts are matched one by one and merged with an adjacent letter of the same family.
 */
export function runsOf(text: string): Run[] {
  const out: Run[] = [];
  let prevEnd = 0;
  let pendingBreak = false;
  let merge: { text: string; family: Family; end: number; newSentence: boolean } | null = null;
  const emit = (raw: string, family: Family, newSentence: boolean) => {
    let words: number;
    if (UNSPACED.has(family)) words = countUnspaced(raw, family);
    else if (family === 'Latn') words = latinWord(raw) ? 1 : 0;
    else if (family === 'Grek') words = [...raw].length < 2 ? 0 : 1;
    else words = 1;
    if (words > 0) out.push({ text: raw, family, words, newSentence });
    else if (newSentence) pendingBreak = true;
  };
  const flushMerge = () => {
    if (merge) emit(merge.text, merge.family, merge.newSentence);
    merge = null;
  };
  for (const span of text.matchAll(SPAN_RE)) {
    const start = span.index;
    let brk = pendingBreak || hasSentenceEnd(text, prevEnd, start);
    pendingBreak = false;
    prevEnd = start + span[0].length;
    if (span[1] !== undefined) {
      flushMerge();
      emit(span[0], 'Latn', brk);
      continue;
    }
    const str = span[0];
    let subEnd = 0;
    for (const m of str.matchAll(RUN_RE)) {
      // The span may hold CJK punctuation: a full stop inside it ends a sentence too.
      if (!brk && hasSentenceEnd(str, subEnd, m.index)) brk = true;
      subEnd = m.index + m[0].length;
      let k = 1;
      while (k <= RUN_FAMILIES.length && m[k] === undefined) k++;
      if (k <= RUN_FAMILIES.length) {
        flushMerge();
        emit(m[0], RUN_FAMILIES[k - 1] as Family, brk);
      } else {
        // A letter of a rarer script: merge it with the previous one when adjacent and alike.
        const family = familyOf(m[0]);
        const at = start + m.index;
        if (merge && merge.family === family && merge.end === at && !brk) {
          merge.text += m[0];
          merge.end = at + m[0].length;
        } else {
          flushMerge();
          merge = { text: m[0], family, end: at + m[0].length, newSentence: brk };
        }
      }
      brk = false;
    }
    if (hasSentenceEnd(str, subEnd, str.length)) pendingBreak = true;
  }
  flushMerge();
  return out;
}

/** The tally for one text and target language. */
export interface Tally {
  /** Words counted. */
  words: number;
  /** Of which in the target language. */
  target: number;
  /** Foreign words by eld language code (`fr`) or, when the script decided, by script (`Hani`). */
  foreign: Record<string, number>;
  /** eld calls made. */
  lidCalls: number;
  /** Whether eld was used for the target (false when it does not know the language). */
  lid: boolean;
  /** Whether the text was longer than {@link MAX_CHARS} and read in windows. */
  sampled: boolean;
}

interface Pending {
  texts: string[];
  words: number;
  letters: number;
  /** Kana seen in this chunk (CJK group only). */
  kana: boolean;
}

/**
 * Count the words of `text` (already the reasoning) and those in `target` (a key of
 * LANGUAGE_FAMILIES).
 */
export function tallyWords(text: string, target: string): Tally {
  const families = LANGUAGE_FAMILIES[target] ?? [];
  const targetEld = eldCode(target);
  const { text: stripped, sampled } = sampleStripped(text);
  const chunkLetters = Math.max(MIN_CHUNK_LETTERS, Math.ceil(stripped.length / MAX_LID_CALLS));
  const tally: Tally = { words: 0, target: 0, foreign: {}, lidCalls: 0, lid: targetEld !== null, sampled };
  const addForeign = (label: string, n: number) => {
    tally.foreign[label] = (tally.foreign[label] ?? 0) + n;
  };
  const pending = new Map<LidGroup, Pending>();
  const lidGroups = new Set(families.map(lidGroupOf).filter((g) => g !== null));

  /** Last eld verdict per group: a short chunk (< chunkLetters) inherits it rather than being judged alone. */
  const last = new Map<LidGroup, string | true>();
  const flush = (group: LidGroup, p: Pending, tail: boolean) => {
    pending.delete(group);
    // Kana decides Chinese vs Japanese without a model: Chinese has none, Japanese prose always has
    // some. Only a kana-less chunk under a Japanese target needs eld.
    let verdict: string | true | undefined;
    if (group === 'CJK') {
      if (targetEld === 'zh') verdict = p.kana ? 'ja' : true;
      else if (targetEld === 'ja' && p.kana) verdict = true;
    }
    // Too few letters to be evidence (a tail, or a whole reasoning of a few words): the previous
    // chunk's verdict, else the target. eld names `hola amigo como estas` Portuguese.
    if (verdict === undefined && (p.letters < MIN_CHUNK_LETTERS || (tail && p.letters < chunkLetters)))
      verdict = last.get(group) ?? true;
    if (verdict === undefined) {
      const sample = p.texts.join(' ').slice(0, LID_CHARS);
      tally.lidCalls++;
      const r = eld.detect(sample);
      verdict = chunkVerdict(r, targetEld as string, () => documentLanguage(group));
      last.set(group, verdict);
    }
    if (verdict === true) tally.target += p.words;
    else addForeign(verdict, p.words);
  };

  const runs = runsOf(stripped);
  /** eld's reliable verdict on the group's first DOC_CHARS characters, asked at most once. */
  const docs = new Map<LidGroup, string>();
  const documentLanguage = (group: LidGroup): string => {
    let lang = docs.get(group);
    if (lang === undefined) {
      let text = '';
      for (const run of runs) {
        if (text.length >= DOC_CHARS) break;
        if (lidGroupOf(run.family) === group) text += `${run.text} `;
      }
      tally.lidCalls++;
      const r = eld.detect(text.slice(0, DOC_CHARS));
      lang = r.isReliable() ? r.language : '';
      docs.set(group, lang);
    }
    return lang;
  };
  for (const run of runs) {
    if (run.newSentence) {
      for (const [group, p] of pending) if (p.letters >= chunkLetters) flush(group, p, false);
    }
    tally.words += run.words;
    const inFamilies = families.includes(run.family);
    const group = lidGroupOf(run.family);
    if (group === null || targetEld === null || !lidGroups.has(group)) {
      if (inFamilies) tally.target += run.words;
      else addForeign(run.family, run.words);
      continue;
    }
    // A shared script: the run joins its chunk's sample (kana tells Japanese from Chinese even
    // when only the kanji count for a Chinese target), its words wait for the chunk's verdict.
    let p = pending.get(group);
    if (!p) {
      p = { texts: [], words: 0, letters: 0, kana: false };
      pending.set(group, p);
    }
    p.texts.push(run.text);
    p.letters += run.text.length;
    if (run.family === 'Kana') p.kana = true;
    if (inFamilies) p.words += run.words;
    else addForeign(run.family, run.words);
  }
  for (const [group, p] of pending) flush(group, p, true);
  return tally;
}

/** Default language of each detection key when eld is unsure or absent. */
const KEY_DEFAULT: Readonly<Record<string, string>> = {
  Latn: 'en',
  Cyrl: 'ru',
  Arab: 'ar',
  Deva: 'hi',
  ...Object.fromEntries(
    Object.entries(LANGUAGE_FAMILIES)
      .filter(([, fs]) => fs.length === 1 && lidGroupOf(fs[0] as Family) === null)
      .reverse()
      .map(([code, fs]) => [fs[0], code]),
  ),
};

/** Fewest words for a text to name a language at all. */
export const MIN_DETECT_WORDS = 3;
/** Fewest words, and letters, for eld's verdict on a prompt or reference to be trusted. */
export const MIN_CONFIDENT_WORDS = 5;
export const MIN_CONFIDENT_LETTERS = 24;

/** A text's language, and whether the evidence is strong enough to trust it. */
export interface Detected {
  /** ISO 639-1 key of LANGUAGE_FAMILIES. */
  language: string;
  /**
   * False for a guess from the script alone (Latin → en, Cyrillic → ru, …) after eld was unsure,
   * scored a runner-up that is not a close relative within {@link CLOSE} of its best, or read fewer than
   * {@link MIN_CONFIDENT_WORDS} words / {@link MIN_CONFIDENT_LETTERS} letters. A script that one
   * language owns (Hangul, Thai, Greek, Han without kana …) is always confident.
   */
  confident: boolean;
}

/**
 * The language a text (a prompt or a reference) is written in: the script family with the most
 * words; within a shared family, eld on up to 1,000 characters of it, trusted only when reliable,
 * ahead of every language outside its close group (es/pt/ca/gl, no/da/sv, …) by the {@link CLOSE} margin, and read on enough words and letters;
 * else the family's usual language, not confident (Latin → en, Cyrillic → ru, Arabic → ar,
 * Devanagari → hi). Han: zh, or ja when kana occur (or eld says ja). Returns null for text with
 * fewer than {@link MIN_DETECT_WORDS} words. GSM8K's terse solutions (`The groomer gave a
 * 100*.3=$<<…>>30 discount`) are what this guards against: eld named one Dutch.
 */
export function detectLanguage(text: string): Detected | null {
  const byKey = new Map<string, { words: number; texts: string[]; kana: number }>();
  for (const run of runsOf(sampleStripped(text).text)) {
    const key = lidGroupOf(run.family) ?? run.family;
    let e = byKey.get(key);
    if (!e) {
      e = { words: 0, texts: [], kana: 0 };
      byKey.set(key, e);
    }
    e.words += run.words;
    e.texts.push(run.text);
    if (run.family === 'Kana') e.kana += run.words;
  }
  let bestKey: string | null = null;
  let best = 0;
  for (const [k, e] of byKey) {
    if (e.words > best) {
      best = e.words;
      bestKey = k;
    }
  }
  if (bestKey === null || best < MIN_DETECT_WORDS) return null;
  const e = byKey.get(bestKey) as { words: number; texts: string[]; kana: number };
  const sample = e.texts.join(' ').slice(0, 1000);
  if (bestKey === 'CJK') {
    const r = eld.detect(sample);
    if (r.language === 'ja' || r.language === 'zh') return { language: r.language, confident: true };
    return { language: e.kana > 0 ? 'ja' : 'zh', confident: true };
  }
  const fallback = KEY_DEFAULT[bestKey];
  if (bestKey === 'Latn' || bestKey === 'Cyrl' || bestKey === 'Arab' || bestKey === 'Deva') {
    const letters = e.texts.reduce((a, t) => a + t.length, 0);
    if (e.words >= MIN_CONFIDENT_WORDS && letters >= MIN_CONFIDENT_LETTERS) {
      const r = eld.detect(sample);
      const lang = r.language;
      if (lang && r.isReliable() && (LANGUAGE_FAMILIES[lang] ?? []).includes(bestKey as Family)) {
        const scores = r.getScores();
        const top = scores[lang] ?? 0;
        const runnerUp = Math.max(
          0,
          ...Object.entries(scores)
            .filter(([l]) => !closeLanguages(l, lang))
            .map(([, v]) => v),
        );
        if (runnerUp < CLOSE * top) return { language: lang, confident: true };
      }
    }
    return fallback ? { language: fallback, confident: false } : null;
  }
  return fallback ? { language: fallback, confident: true } : null;
}
