/**
 * TypeBox schemas of the code task: the inline `tests` shape, the item `reference`, the code
 * grader's per-item options, and the public metadata of a stored problem (`GET /problems/{id}`).
 * Documented in docs/code-grading.md; included in openapi.yaml by the server.
 */
import Type, { type Static } from 'typebox';

export const CODE_LANGUAGES = ['python', 'javascript', 'typescript'] as const;
export const CodeLanguageSchema = Type.Union(
  CODE_LANGUAGES.map((l) => Type.Literal(l)),
  { description: 'Language a solution runs in.' },
);

/** Per-test resource limits; a request can only lower the sandbox defaults, never raise them. */
export const CodeLimitsSchema = Type.Object(
  {
    time_ms: Type.Optional(Type.Integer({ minimum: 1, description: 'Time limit per test case, ms.' })),
    memory_mb: Type.Optional(Type.Integer({ minimum: 1, description: 'Memory limit of the solution, MiB.' })),
    output_bytes: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Cap on stdout+stderr per test case, bytes.' }),
    ),
  },
  { additionalProperties: false },
);

export const FloatTolSchema = Type.Object(
  {
    abs: Type.Optional(Type.Number({ minimum: 0, default: 1e-6 })),
    rel: Type.Optional(Type.Number({ minimum: 0, default: 1e-6 })),
  },
  {
    additionalProperties: false,
    description: 'Numbers a, b (not both integers) are equal if |a-b| <= abs or |a-b| <= rel*max(|a|,|b|).',
  },
);

const ArgKindSchema = Type.Union([Type.Literal('json'), Type.Literal('ListNode'), Type.Literal('TreeNode')]);

export const FunctionTestsSchema = Type.Object(
  {
    kind: Type.Literal('function'),
    entry_point: Type.String({
      minLength: 1,
      description: 'Function to call (`add`), or a LeetCode method (`Solution().twoSum`).',
    }),
    cases: Type.Array(
      Type.Object(
        {
          args: Type.Array(Type.Unknown(), { description: 'Positional arguments, plain JSON.' }),
          expected: Type.Unknown({
            description: 'Expected return value, plain JSON. Never sent to the sandbox.',
          }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    compare: Type.Optional(
      Type.Union(
        [Type.Literal('exact'), Type.Literal('float'), Type.Literal('unordered'), Type.Literal('python')],
        {
          default: 'exact',
        },
      ),
    ),
    float_tol: Type.Optional(FloatTolSchema),
    arg_kinds: Type.Optional(
      Type.Array(ArgKindSchema, {
        description:
          'Per-argument conversion (LeetCode ListNode/TreeNode from list form); inferred if absent.',
      }),
    ),
    return_kind: Type.Optional(
      Type.Union([Type.Literal('ListNode'), Type.Literal('TreeNode')], {
        description:
          'The function returns a LeetCode ListNode/TreeNode: expected values are in list form and a null return equals [] (an empty list or tree, as LeetCode prints it).',
      }),
    ),
    limits: Type.Optional(CodeLimitsSchema),
  },
  { additionalProperties: false },
);

export const StdioTestsSchema = Type.Object(
  {
    kind: Type.Literal('stdio'),
    cases: Type.Array(
      Type.Object(
        {
          stdin: Type.String(),
          expected_stdout: Type.String({ description: 'Never sent to the sandbox.' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    compare: Type.Optional(
      Type.Union(
        [
          Type.Literal('exact'),
          Type.Literal('lines'),
          Type.Literal('unordered_lines'),
          Type.Literal('tokens'),
        ],
        { default: 'lines' },
      ),
    ),
    float_tol: Type.Optional(FloatTolSchema),
    limits: Type.Optional(CodeLimitsSchema),
  },
  { additionalProperties: false },
);

export const AssertTestsSchema = Type.Object(
  {
    kind: Type.Literal('assert'),
    entry_point: Type.Optional(
      Type.String({ description: 'The function under test (wrapped so it can only return plain data).' }),
    ),
    candidate_name: Type.Optional(
      Type.String({ description: 'Name the tests call the solution by (HumanEval: `candidate`).' }),
    ),
    preamble: Type.Optional(Type.String({ description: 'Code run before the solution (imports, helpers).' })),
    cases: Type.Array(
      Type.Object(
        { code: Type.String({ description: 'Test code run after the solution; passes if it completes.' }) },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    limits: Type.Optional(CodeLimitsSchema),
  },
  { additionalProperties: false },
);

export const CodeTestsSchema = Type.Union([FunctionTestsSchema, StdioTestsSchema, AssertTestsSchema], {
  description: 'Inline tests of a code item (see docs/code-grading.md).',
});

export const InlineCodeReferenceSchema = Type.Object(
  {
    language: Type.Optional(CodeLanguageSchema),
    tests: CodeTestsSchema,
  },
  { additionalProperties: false },
);

export const ProblemCodeReferenceSchema = Type.Object(
  { problem_id: Type.String({ minLength: 1, description: 'Id of a problem loaded with PROBLEMS.' }) },
  { additionalProperties: false },
);

export const CodeReferenceSchema = Type.Union([InlineCodeReferenceSchema, ProblemCodeReferenceSchema], {
  $id: 'CodeReference',
  description:
    'Reference of a `task: "code"` item: inline tests or a stored problem id. May also be sent as a JSON string.',
});

export const CodeOptionsSchema = Type.Object(
  {
    extract: Type.Optional(
      Type.Union([Type.Literal('fenced'), Type.Literal('none')], {
        default: 'fenced',
        description: '`fenced`: the last fenced code block; `none`: the whole completion is the program.',
      }),
    ),
    reward: Type.Optional(
      Type.Union([Type.Literal('binary'), Type.Literal('fraction')], {
        default: 'binary',
        description: '`binary`: 1 iff every test passes; `fraction`: passed / total.',
      }),
    ),
    language: Type.Optional(CodeLanguageSchema),
  },
  { $id: 'CodeOptions', additionalProperties: false },
);

export const ProblemMetaSchema = Type.Object(
  {
    id: Type.String(),
    source: Type.String({ description: 'Data set format the problem was loaded from.' }),
    languages: Type.Array(Type.String(), { description: 'Languages accepted (`*`: any, stdin/stdout).' }),
    kind: Type.Union([Type.Literal('function'), Type.Literal('stdio'), Type.Literal('assert')]),
    n_tests: Type.Integer(),
    entry_point: Type.Optional(Type.String()),
    title: Type.Optional(Type.String()),
    difficulty: Type.Optional(Type.String()),
    tags: Type.Optional(Type.Array(Type.String())),
    prompt: Type.Optional(Type.String({ description: 'Statement or starter code (never the tests).' })),
  },
  { $id: 'ProblemMeta' },
);

export type CodeTests = Static<typeof CodeTestsSchema>;
export type FunctionTests = Static<typeof FunctionTestsSchema>;
export type StdioTests = Static<typeof StdioTestsSchema>;
export type AssertTests = Static<typeof AssertTestsSchema>;
export type CodeLimits = Static<typeof CodeLimitsSchema>;
export type CodeOptions = Static<typeof CodeOptionsSchema>;
export type ProblemMeta = Static<typeof ProblemMetaSchema>;
