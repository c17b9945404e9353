/**
 * Per-item options of the math grader: the TypeBox schema the server validates requests against,
 * and their resolution into frozen option objects for each stage (extract → normalize → compare).
 * Field names follow Math-Verify's where one exists (`float_rounding`, `strict`,
 * `allow_set_relation_comp`, `boxed_match_priority` → `boxed`), so peer configs carry over.
 */
import Type, { type Static } from 'typebox';
import { COMPARE_DEFAULTS, type CompareOptions } from './compare.ts';
import type { ExtractOptions } from './extract.ts';
import type { NormalizeOptions } from './normalize.ts';

export const MathOptionsSchema = Type.Object(
  {
    boxed: Type.Optional(
      Type.Union([Type.Literal('prefer'), Type.Literal('fallback'), Type.Literal('off')], {
        default: 'prefer',
        description:
          '`\\boxed{}` against phrase anchors ("the answer is"): `prefer` (default) boxes win, `fallback` boxes only when no anchor, `off` boxes ignored (Math-Verify `boxed_match_priority` 50/100/-1).',
      }),
    ),
    choices: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 8 }), {
        maxItems: 26,
        description:
          'Multiple-choice letters (e.g. ["A","B","C","D"]): the answer is the choice letter found (Math-Verify `StringExtractionConfig`). Default: not multiple choice.',
      }),
    ),
    tolerance: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 0.1,
        default: COMPARE_DEFAULTS.tolerance,
        description:
          'Relative tolerance for values computed in floating point (irrationals, random-point checks). Default 1e-9.',
      }),
    ),
    float_rounding: Type.Optional(
      Type.Union([Type.Integer({ minimum: 0, maximum: 15 }), Type.Null()], {
        default: null,
        description:
          'Math-Verify `float_rounding`: when either side is a decimal, round both to this many places. Default null: the precision each decimal is written with decides (docs/math-equivalence.md).',
      }),
    ),
    approx_sig_digits: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 17,
        default: COMPARE_DEFAULTS.approxSigDigits,
        description:
          "Fewest significant digits a decimal prediction needs to match an exact reference that no terminating decimal writes (`\\pi`, `\\sqrt2`, `\\frac13`). Default 7 (about Math-Verify's 6 places): `3.141593` is accepted for `\\pi`, `3.1416` is not (an approximation, which a policy could learn instead of the exact answer).",
      }),
    ),
    strict: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'Variable names matter (`f(x)` ≠ `f(y)`). Default true (Math-Verify `strict`).',
      }),
    ),
    allow_set_relation_comp: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'Inequalities match intervals (`x > 1` ↔ `(1, \\infty)`). Default true; Math-Verify defaults to false.',
      }),
    ),
    ordered_lists: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Answers with several parts compare in order (hendrycks `is_equiv`). Default false: as a set (Math-Verify).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MathOptions = Static<typeof MathOptionsSchema>;

/** Options for every stage, resolved and frozen. */
export interface ResolvedMathOptions {
  readonly extract: Readonly<ExtractOptions>;
  readonly normalize: Readonly<NormalizeOptions>;
  readonly compare: CompareOptions;
}

export const MATH_DEFAULTS: ResolvedMathOptions = Object.freeze({
  extract: Object.freeze({}),
  normalize: Object.freeze({}),
  compare: COMPARE_DEFAULTS,
});

const cache = new Map<string, ResolvedMathOptions>();

/** Resolve per-item options (already schema-validated) into frozen stage options; cached per shape. */
export function resolveOptions(opts: MathOptions | Record<string, unknown> | undefined): ResolvedMathOptions {
  if (!opts || Object.keys(opts).length === 0) return MATH_DEFAULTS;
  const key = JSON.stringify(opts);
  const hit = cache.get(key);
  if (hit) return hit;
  const o = opts as MathOptions;
  const extract: ExtractOptions = {};
  if (o.boxed !== undefined) extract.boxed = o.boxed;
  if (o.choices !== undefined) extract.choices = o.choices;
  const compare: CompareOptions = Object.freeze({
    tolerance: o.tolerance ?? COMPARE_DEFAULTS.tolerance,
    floatRounding: o.float_rounding ?? null,
    approxSigDigits: o.approx_sig_digits ?? COMPARE_DEFAULTS.approxSigDigits,
    strict: o.strict ?? COMPARE_DEFAULTS.strict,
    setRelation: o.allow_set_relation_comp ?? COMPARE_DEFAULTS.setRelation,
    orderedLists: o.ordered_lists ?? COMPARE_DEFAULTS.orderedLists,
  });
  const resolved: ResolvedMathOptions = Object.freeze({
    extract: Object.freeze(extract),
    normalize: MATH_DEFAULTS.normalize,
    compare,
  });
  if (cache.size < 1_000) cache.set(key, resolved);
  return resolved;
}
