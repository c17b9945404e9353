/**
 * Languages, their writing systems, and which of them need a language-identification (LID) model.
 *
 * A word's Unicode script (`\p{Script=…}`, Unicode Standard Annex #24) decides most cases: a Hangul
 * word is never English. Only when several languages share a script *family* (Latin, Cyrillic,
 * Arabic, Devanagari, and Han+kana for Chinese vs Japanese) does a statistical model (eld) decide,
 * per chunk of text (see consistency.ts).
 */

/** Script families we tell apart by Unicode script alone. */
export type Family =
  | 'Latn'
  | 'Cyrl'
  | 'Arab'
  | 'Deva'
  | 'Hani' // Han ideographs
  | 'Kana' // Hiragana + Katakana
  | 'Hang'
  | 'Grek'
  | 'Hebr'
  | 'Thai'
  | 'Laoo'
  | 'Khmr'
  | 'Mymr'
  | 'Beng'
  | 'Guru'
  | 'Gujr'
  | 'Orya'
  | 'Taml'
  | 'Telu'
  | 'Knda'
  | 'Mlym'
  | 'Sinh'
  | 'Geor'
  | 'Armn'
  | 'Ethi'
  | 'Other';

/** Families written without spaces between words (Han and kana: a word per character; the others: `Intl.Segmenter`). */
export const UNSPACED: ReadonlySet<Family> = new Set(['Hani', 'Kana', 'Thai', 'Laoo', 'Khmr', 'Mymr']);

/** Locale given to `Intl.Segmenter` (ICU dictionary word breaking) for unspaced families. */
export const SEGMENTER_LOCALE: Partial<Record<Family, string>> = {
  Hani: 'zh',
  Kana: 'ja',
  Thai: 'th',
  Laoo: 'lo',
  Khmr: 'km',
  Mymr: 'my',
};

/** `'en fr de'` → `['en', 'fr', 'de']` (keeps the long lists short). */
const words = (list: string): string[] => list.split(' ');

/** Target language (ISO 639-1) → the families its words are written in. */
export const LANGUAGE_FAMILIES: Readonly<Record<string, readonly Family[]>> = Object.freeze({
  ...Object.fromEntries(
    words(
      'en fr de es it pt nl id ms vi tr pl cs sk sv no da fi hu ro hr bs sl et lv lt sq eu ca gl tl is az yo ku sw la eo ga cy af mt uz ha so zu xh ig lb fo tk',
    ).map((c) => [c, ['Latn']]),
  ),
  ...Object.fromEntries(words('ru uk bg be mk kk ky mn tg').map((c) => [c, ['Cyrl']])),
  sr: ['Cyrl', 'Latn'], // Serbian is written in both scripts
  ...Object.fromEntries(words('ar fa ur ps ug sd').map((c) => [c, ['Arab']])),
  ...Object.fromEntries(words('hi mr ne sa').map((c) => [c, ['Deva']])),
  zh: ['Hani'],
  ja: ['Hani', 'Kana'],
  ko: ['Hang'],
  el: ['Grek'],
  he: ['Hebr'],
  yi: ['Hebr'],
  th: ['Thai'],
  lo: ['Laoo'],
  km: ['Khmr'],
  my: ['Mymr'],
  bn: ['Beng'],
  as: ['Beng'],
  pa: ['Guru'],
  gu: ['Gujr'],
  or: ['Orya'],
  ta: ['Taml'],
  te: ['Telu'],
  kn: ['Knda'],
  ml: ['Mlym'],
  si: ['Sinh'],
  ka: ['Geor'],
  hy: ['Armn'],
  am: ['Ethi'],
  ti: ['Ethi'],
});

/**
 * LID groups: families shared by several languages that eld (Nito-ELD, 60 languages) knows.
 * Han and kana form one group so that Chinese and Japanese text can be told apart.
 */
export type LidGroup = 'Latn' | 'Cyrl' | 'Arab' | 'Deva' | 'CJK';
export function lidGroupOf(f: Family): LidGroup | null {
  if (f === 'Hani' || f === 'Kana') return 'CJK';
  if (f === 'Latn' || f === 'Cyrl' || f === 'Arab' || f === 'Deva') return f;
  return null;
}

/** Languages eld can identify (eld 2.1 `info().Languages`). */
export const ELD_LANGUAGES: ReadonlySet<string> = new Set(
  words(
    'am ar az be bg bn ca cs da de el en es et eu fa fi fr gu he hi hr hu hy is it ja ka kn ko ku lo lt lv ml mr ms nl no or pa pl pt ro ru sk sl sq sr sv ta te th tl tr uk ur vi yo zh',
  ),
);

/**
 * Languages eld cannot tell apart reliably, identified with each other: Indonesian is reported as
 * Malay (eld has no `id`; measured on composed Indonesian sentences: 8/8 → `ms`), Bosnian as
 * Croatian.
 */
const SAME_AS: Readonly<Record<string, string>> = { id: 'ms', bs: 'hr' };
/** The eld code that stands for language `code` (itself, or its stand-in from SAME_AS). */
export function eldCode(code: string): string | null {
  const c = SAME_AS[code] ?? code;
  return ELD_LANGUAGES.has(c) ? c : null;
}

/**
 * Closely related languages that eld scores near each other on sentence-length text (measured on
 * composed Spanish sentences: Portuguese scored 0.75–0.93 of Spanish; composed Russian ones:
 * Bulgarian, Serbian and Ukrainian 0.95–1.0 of Russian). A prompt's language is
 * trusted when eld's best guess is clear of every language *outside* its group; which member of a
 * group wins is then eld's call.
 */
const CLOSE_GROUPS: readonly (readonly string[])[] = [
  ['es', 'pt', 'ca', 'gl'],
  ['no', 'da', 'sv'],
  ['cs', 'sk'],
  ['hr', 'sr', 'bs', 'sl'],
  ['ms', 'id'],
  ['ru', 'uk', 'be', 'bg', 'mk', 'sr'], // eld scores all Cyrillic languages within ~5% of each other
  ['hi', 'mr', 'ne'],
];
/** Whether eld codes `a` and `b` are the same or closely related languages ({@link CLOSE_GROUPS}). */
export function closeLanguages(a: string, b: string): boolean {
  return a === b || CLOSE_GROUPS.some((g) => g.includes(a) && g.includes(b));
}

/** Aliases accepted in `options.language`: ISO 639-2/3 codes, deprecated ISO 639-1 codes. */
const ALIASES: Readonly<Record<string, string>> = {
  eng: 'en',
  zho: 'zh',
  chi: 'zh',
  cmn: 'zh',
  yue: 'zh',
  jpn: 'ja',
  kor: 'ko',
  fra: 'fr',
  fre: 'fr',
  deu: 'de',
  ger: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  rus: 'ru',
  ara: 'ar',
  hin: 'hi',
  vie: 'vi',
  tha: 'th',
  tur: 'tr',
  ind: 'id',
  msa: 'ms',
  may: 'ms',
  nld: 'nl',
  dut: 'nl',
  pol: 'pl',
  ukr: 'uk',
  fas: 'fa',
  per: 'fa',
  heb: 'he',
  ell: 'el',
  gre: 'el',
  ben: 'bn',
  iw: 'he',
  in: 'id',
  ji: 'yi',
  nb: 'no',
  nn: 'no',
  nob: 'no',
  fil: 'tl',
};

/**
 * Normalise a BCP 47 tag or ISO 639 code to our ISO 639-1 key (`zh-Hans-CN` → `zh`, `pt_BR` → `pt`,
 * `eng` → `en`). Returns null for a language we have no script data for.
 */
export function normalizeLanguage(tag: string): string | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const code = ALIASES[primary] ?? primary;
  return Object.hasOwn(LANGUAGE_FAMILIES, code) ? code : null;
}

/** Per-family regexes, tried in order on a word's first letter (Latin first: the common case). */
const FAMILY_TESTS: readonly [Family, RegExp][] = [
  ['Latn', /\p{Script=Latin}/u],
  ['Hani', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Hang', /\p{Script=Hangul}/u],
  ['Arab', /\p{Script=Arabic}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Beng', /\p{Script=Bengali}/u],
  ['Taml', /\p{Script=Tamil}/u],
  ['Telu', /\p{Script=Telugu}/u],
  ['Knda', /\p{Script=Kannada}/u],
  ['Mlym', /\p{Script=Malayalam}/u],
  ['Gujr', /\p{Script=Gujarati}/u],
  ['Guru', /\p{Script=Gurmukhi}/u],
  ['Orya', /\p{Script=Oriya}/u],
  ['Sinh', /\p{Script=Sinhala}/u],
  ['Geor', /\p{Script=Georgian}/u],
  ['Armn', /\p{Script=Armenian}/u],
  ['Ethi', /\p{Script=Ethiopic}/u],
  ['Laoo', /\p{Script=Lao}/u],
  ['Khmr', /\p{Script=Khmer}/u],
  ['Mymr', /\p{Script=Myanmar}/u],
];

/** The family of a letter (the first code point of `s`). */
export function familyOf(s: string): Family {
  const ch = String.fromCodePoint(s.codePointAt(0) ?? 32);
  for (const [f, re] of FAMILY_TESTS) if (re.test(ch)) return f;
  return 'Other';
}
