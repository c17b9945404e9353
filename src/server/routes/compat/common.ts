/**
 * Shared by the trainer-compatible routes: turning a trainer's text into our completion, a
 * trainer's label into our task + reference, and our results into the numbers trainers expect.
 *
 * Error policy (documented in docs/trainers.md): these trainers put rewards straight into tensors
 * and cannot mask a missing one, so an item our side could not grade (verdict `error` or
 * `invalid_reference`, reward null on `/reward`) is sent as 0 **and flagged** (`rlvr_error: 1` in
 * the per-item logs, plus the verdict and error code where the protocol has room). Transient
 * failures of the whole request are HTTP 5xx, which every one of these trainers retries.
 */
import { errors } from '../../../core/errors.ts';
import { activeComponents, type Weights } from '../../../core/reward.ts';
import type { Engine } from '../../../engine/index.ts';
import { engineBackend, gradeEach } from '../../../eval/backend.ts';
import type { ItemResult, RewardItem } from '../../../schemas/reward.ts';
import { isCorrectVerdict } from '../../../schemas/verdict.ts';
import type { RouteDeps } from '../../deps.ts';
import { checkItemCount } from '../limits.ts';

/**
 * End-of-sequence, end-of-turn and padding tokens of common chat templates, as they appear in
 * text decoded with special tokens kept (OpenRLHF decodes `query` that way). Sources: the
 * tokenizer configs of Qwen2/2.5/3 (`<|im_end|>`, `<|endoftext|>`), Llama 3 (`<|eot_id|>`,
 * `<|end_of_text|>`, `<|finetune_right_pad_id|>`), DeepSeek-R1/V3 (`<｜end▁of▁sentence｜>`),
 * Gemma (`<end_of_turn>`, `<eos>`, `<pad>`), Phi-3 (`<|end|>`), Llama 2/Mistral (`</s>`),
 * gpt-oss (`<|return|>`), BERT-style `[PAD]`.
 */
export const END_TOKENS = [
  '<|im_end|>',
  '<|endoftext|>',
  '<|eot_id|>',
  '<|end_of_text|>',
  '<|finetune_right_pad_id|>',
  '<｜end▁of▁sentence｜>',
  '<end_of_turn>',
  '<eos>',
  '<pad>',
  '<|end|>',
  '</s>',
  '<|return|>',
  '<|pad|>',
  '[PAD]',
] as const;

/**
 * Markers that open the assistant's turn in those templates (the generation prompt). Used when the
 * prompt cannot be found verbatim in the query: the response starts after the *last* marker.
 */
export const ASSISTANT_MARKERS = [
  '<|im_start|>assistant\n',
  '<|start_header_id|>assistant<|end_header_id|>\n\n',
  '<｜Assistant｜>',
  '<start_of_turn>model\n',
  '<|assistant|>\n',
  '<|start|>assistant<|channel|>final<|message|>',
  '[/INST]',
] as const;

/** Remove trailing end/pad tokens (any number, any order) and the whitespace between them. */
export function stripEndTokens(text: string): string {
  let t = text;
  let removed = false;
  for (;;) {
    const trimmed = t.replace(/\s+$/, '');
    const tok = END_TOKENS.find((e) => trimmed.endsWith(e));
    if (!tok) return removed ? trimmed : t;
    t = trimmed.slice(0, trimmed.length - tok.length);
    removed = true;
  }
}

/**
 * Where `prompt` ends in `query` when whitespace is ignored on both sides, or -1: the index just
 * after the prompt's last non-whitespace character. A tokenizer round trip (encode, then decode
 * with special tokens kept) often changes only whitespace: trailing spaces dropped, a space added
 * after BOS, runs of spaces merged.
 */
export function promptEndIgnoringWhitespace(query: string, prompt: string): number {
  const p = prompt.replace(/\s+/gu, '');
  if (p.length === 0) return -1;
  // the query without whitespace, and where each of its characters sits in the query
  const at: number[] = [];
  let compact = '';
  const re = /\S/gu;
  for (let m = re.exec(query); m !== null; m = re.exec(query)) {
    compact += m[0];
    for (let k = 0; k < m[0].length; k++) at.push(m.index + k);
  }
  const i = compact.indexOf(p);
  return i < 0 ? -1 : at[i + p.length - 1] + 1;
}

/** How {@link responseFromQuery} found the response. */
export type ResponseVia = 'prompt' | 'prompt_whitespace' | 'marker' | 'none' | 'prompt_not_found';

/**
 * The response part of an OpenRLHF `query` (prompt + response, special tokens kept). Prompt text
 * is never graded (a `\boxed{}` in the prompt would reward any response, security review #6):
 *
 * 1. `prompt`: the prompt found verbatim (after any left padding/BOS): the text after it.
 * 2. `prompt_whitespace`: the prompt found when whitespace is ignored
 *    ({@link promptEndIgnoringWhitespace}): the text after it, leading whitespace removed.
 * 3. `marker`: the text after the last assistant-turn marker ({@link ASSISTANT_MARKERS}); the
 *    generation prompt ends with it, so what follows is the response.
 * 4. `prompt_not_found`: a prompt was sent but none of the above located it. The completion is
 *    empty and the caller must not grade the item (it is flagged `RLVR_ERR_ITEM_PROMPT_NOT_FOUND`).
 * 5. `none`: no prompt was sent (OpenRLHF before `prompts` was added posts only `query`) and no
 *    marker: the whole query is the response.
 * Then trailing EOS/pad tokens are removed ({@link stripEndTokens}).
 *
 * @returns the completion and how the prompt was removed
 */
export function responseFromQuery(
  query: string,
  prompt?: string | null,
): { completion: string; via: ResponseVia } {
  const hasPrompt = typeof prompt === 'string' && prompt.trim() !== '';
  if (hasPrompt) {
    const at = query.indexOf(prompt);
    if (at >= 0) return { completion: stripEndTokens(query.slice(at + prompt.length)), via: 'prompt' };
    const end = promptEndIgnoringWhitespace(query, prompt);
    if (end >= 0) {
      return { completion: stripEndTokens(query.slice(end).replace(/^\s+/u, '')), via: 'prompt_whitespace' };
    }
  }
  let best = -1;
  let len = 0;
  for (const m of ASSISTANT_MARKERS) {
    const at = query.lastIndexOf(m);
    if (at > best) {
      best = at;
      len = m.length;
    }
  }
  if (best >= 0) return { completion: stripEndTokens(query.slice(best + len)), via: 'marker' };
  if (hasPrompt) return { completion: '', via: 'prompt_not_found' };
  return { completion: stripEndTokens(query), via: 'none' };
}

/** A label resolved to our terms. */
export interface ResolvedLabel {
  task: string;
  reference: unknown;
  options?: Record<string, Record<string, unknown>>;
}

/**
 * Resolve a trainer label: either a plain answer (graded with `defaultTask`), or a JSON object —
 * given as an object or as a string holding one — naming the task and the reference:
 * `{"task": "math", "reference": "1/2"}` (`answer` and `ground_truth` are accepted for
 * `reference`; `options` is passed through). Numbers become strings; booleans stay booleans, which
 * no task grader accepts as a reference. A JSON string that is not an object (`"5"`, `"[1, 2]"`)
 * is a plain answer.
 */
export function resolveLabel(label: unknown, defaultTask: string): ResolvedLabel {
  let v = label;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.startsWith('{') && t.endsWith('}')) {
      try {
        v = JSON.parse(t);
      } catch {
        v = label;
      }
    }
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const ref = o.reference ?? o.answer ?? o.ground_truth;
    if (ref !== undefined || typeof o.task === 'string') {
      return {
        task: typeof o.task === 'string' ? o.task : defaultTask,
        reference: typeof ref === 'number' ? String(ref) : (ref ?? ''),
        ...(o.options && typeof o.options === 'object'
          ? { options: o.options as ResolvedLabel['options'] }
          : {}),
      };
    }
    // an object without our keys (e.g. a code task's test spec) is the reference itself
    return { task: defaultTask, reference: v };
  }
  if (typeof v === 'number') return { task: defaultTask, reference: String(v) };
  // a boolean is no answer: passed as it is, so the task grader flags it (invalid_reference, reward
  // 0 and rlvr_error 1 on these routes) instead of grading against "true" (security review #17)
  return { task: defaultTask, reference: v ?? '' };
}

/**
 * Our item for one trainer sample: the resolved label's task, reference and options, the
 * completion, and the prompt when the trainer sent one (the format and consistency graders read it).
 */
export function compatItem(
  id: string,
  completion: string,
  label: ResolvedLabel,
  prompt: string | undefined,
): RewardItem {
  const item: RewardItem = { id, task: label.task, completion, reference: label.reference };
  if (prompt !== undefined) item.prompt = prompt;
  if (label.options) item.options = label.options;
  return item;
}

/** The reward sent to a trainer: ours, or 0 when we could not grade (see the module doc). */
export function trainerReward(r: ItemResult): number {
  return r.reward ?? 0;
}

/** Largest reward the weights allow: Σ of positive weights (each component scores in [0, 1]). */
export function maxReward(weights: Weights): number {
  let s = 0;
  for (const c of activeComponents(weights)) s += Math.max(0, weights[c] ?? 0);
  return s;
}

/** A reward rescaled to [0, 1] by the largest reward the weights allow (OpenRLHF `scores`). */
export function unitScore(reward: number, weights: Weights): number {
  const m = maxReward(weights);
  const x = m > 0 ? reward / m : reward;
  return Math.min(1, Math.max(0, x));
}

/** The text of a chat prompt: a string, or the last user message's content of a message list. */
export function promptText(p: unknown): string | undefined {
  if (typeof p === 'string') return p;
  if (Array.isArray(p)) {
    for (let i = p.length - 1; i >= 0; i--) {
      const m = p[i] as { role?: unknown; content?: unknown } | null;
      if (m && typeof m === 'object' && (m.role === 'user' || m.role === undefined)) {
        const t = contentText(m.content);
        if (t !== undefined) return t;
      }
    }
  }
  return undefined;
}

/** Text of a message `content`: a string, or the concatenated text parts of a parts list. */
export function contentText(c: unknown): string | undefined {
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) {
    return c
      .map((part) => {
        if (typeof part === 'string') return part;
        const t = (part as { text?: unknown } | null)?.text;
        return typeof t === 'string' ? t : '';
      })
      .join('');
  }
  return undefined;
}

/** Weights from a compat route's query string (`preset` and/or `weights` JSON), resolved by the engine. */
export function queryWeights(
  engine: Pick<Engine, 'resolveWeights'>,
  q: { preset?: string; weights?: string },
): Weights {
  let weights: Weights | undefined;
  if (q.weights !== undefined) {
    try {
      weights = JSON.parse(q.weights) as Weights;
    } catch {
      throw new errors.RLVR_ERR_REQUEST_WEIGHTS_INVALID(`weights is not JSON: ${q.weights}`);
    }
    if (weights === null || typeof weights !== 'object' || Array.isArray(weights)) {
      throw new errors.RLVR_ERR_REQUEST_WEIGHTS_INVALID('weights must be a JSON object');
    }
  }
  // the engine applies the range rule (weightsProblem: security review #12, #13) to every route
  return engine.resolveWeights({ weights, preset: q.preset });
}

/**
 * Grade compat items with the shared limits (MAX_ITEMS) and the batch-size metric. An item the
 * engine refuses on its own (over-long completion, a JSON label naming an unknown task, bad
 * options) becomes an `error` result — sent as 0 and flagged — instead of failing the whole
 * batch, which a trainer would retry forever ({@link gradeEach}).
 */
export async function gradeCompat(
  deps: RouteDeps,
  route: string,
  items: RewardItem[],
  weights: Weights,
): Promise<ItemResult[]> {
  checkItemCount(deps.config, items.length);
  deps.telemetry.observe('rlvr_batch_size', { route }, items.length);
  if (items.length === 0) return [];
  return gradeEach(engineBackend(deps.engine), items, { weights }, items.length);
}

/** 1 when the verdict is a correct one. */
export function isCorrect(r: ItemResult): number {
  return isCorrectVerdict(r.verdict) ? 1 : 0;
}
