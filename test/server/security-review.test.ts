/**
 * Regressions of the HTTP-side findings of docs/security-review.md (#6, #12–#18), each named after
 * its finding and replayed through the real app (all registered graders) on real GSM8K solutions.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.ts';
import { MAX_WEIGHT } from '../../src/core/reward.ts';
import { buildApp } from '../../src/server/app.ts';

const CODE = '/work/shared/data/code';
type Gsm = { question: string; ground_truth: string; '175b_verification': { solution: string } };
const gsm: Gsm[] = gunzipSync(
  readFileSync(
    '/work/shared/data/math/completions/openai_grade-school-math/example_model_solutions.jsonl.gz',
  ),
)
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(0, 4)
  .map((l) => JSON.parse(l));
/** Janet's ducks: question, a correct GPT-3 solution ("… #### 18") and its answer. */
const { question, ground_truth: answer } = gsm[0];
const solution = gsm[0]['175b_verification'].solution;
const r1Completion = `<think>\n${solution}\n</think>\n<answer>\n${answer}\n</answer>`;

describe('security review (HTTP findings)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({
      config: defaultConfig({
        WORKERS: 1,
        PROBLEMS: `${CODE}/HumanEval.jsonl.gz,${CODE}/code_contests_sample.jsonl`,
      } as never),
      sandboxes: [],
      logger: false,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as string, headers });
  const mathItem = { id: 'a', task: 'math', completion: r1Completion, reference: answer };

  it('#12: weights whose sum overflows are a 400, never a 500 for the whole batch', async () => {
    const res = await post('/reward', { items: [mathItem], weights: { accuracy: 1e308, format: 1e308 } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'RLVR_ERR_REQUEST_WEIGHTS_INVALID' });
    expect(res.json().message).toContain(`<= ${MAX_WEIGHT}`);
    // the same rule on a trainer route's ?weights=
    const slime = await post(`/compat/slime?weights=${encodeURIComponent('{"accuracy":1e308}')}`, {
      response: solution,
      label: answer,
    });
    expect(slime.statusCode).toBe(400);
    expect(slime.json().code).toBe('RLVR_ERR_REQUEST_WEIGHTS_INVALID');
    // the largest weights allowed give a finite reward
    const max = await post('/reward', {
      items: [mathItem],
      weights: { accuracy: MAX_WEIGHT, format: MAX_WEIGHT },
    });
    expect(max.statusCode, max.body).toBe(200);
    expect(max.json().rewards).toEqual([2 * MAX_WEIGHT]);
  });

  it('#13: negative weights are refused (a correct answer never earns −1)', async () => {
    const res = await post('/reward', { items: [mathItem], weights: { accuracy: -1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'RLVR_ERR_REQUEST_WEIGHTS_INVALID' });
    expect(res.json().message).toContain('>= 0');
    // merged over a preset too
    const preset = await post('/reward', { items: [mathItem], preset: 'r1_zero', weights: { format: -0.5 } });
    expect(preset.statusCode).toBe(400);
    expect(preset.json().code).toBe('RLVR_ERR_REQUEST_WEIGHTS_INVALID');
    const orlhf = await post(`/compat/openrlhf/get_reward?weights=${encodeURIComponent('{"accuracy":-1}')}`, {
      query: [solution],
      labels: [answer],
    });
    expect(orlhf.statusCode).toBe(400);
    expect(orlhf.json().message).toContain('weight "accuracy" is -1');
  });

  it('#14: a __proto__ key is refused with its own code, its JSON path and item_index', async () => {
    // as sent on the wire: JSON.stringify would never write a __proto__ key
    const item = JSON.stringify(mathItem);
    const body = `{"items": [${item}, ${item.replace('"reference":', '"__proto__": {}, "reference":')}]}`;
    const res = await post('/reward', body, { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'RLVR_ERR_REQUEST_FORBIDDEN_KEY', item_index: 1 });
    expect(res.json().message).toContain('"__proto__" at /items/1/__proto__');
    const ctor = await post(
      '/reward',
      '{"items": [], "options": {"math": {"constructor": {"prototype": {"x": 1}}}}}',
      { 'content-type': 'application/json' },
    );
    expect(ctor.json()).toMatchObject({ code: 'RLVR_ERR_REQUEST_FORBIDDEN_KEY' });
    expect(ctor.json().message).toContain('/options/math/constructor');
    expect(ctor.json().item_index).toBeUndefined();
    // a syntax error stays malformed JSON, now with the parser's reason
    const broken = await post('/reward', '{"items": [', { 'content-type': 'application/json' });
    expect(broken.json().code).toBe('RLVR_ERR_REQUEST_MALFORMED_JSON');
    expect(broken.json().message).toMatch(/JSON/);
    // "__proto__" as a value, not a key, is ordinary text
    const value = await post('/reward', { items: [{ ...mathItem, id: '__proto__' }] });
    expect(value.statusCode, value.body).toBe(200);
    expect(value.json().results[0].id).toBe('__proto__');
  });

  it('#15: /problems pages past the first 100 ids with ?offset= and ?limit=', async () => {
    const first = await app.inject({ url: '/problems' });
    expect(first.json().count).toBe(184);
    const ids: string[] = [];
    for (let offset = 0; offset < 184; offset += 50) {
      const page = await app.inject({ url: `/problems?offset=${offset}&limit=50` });
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().offset).toBe(offset);
      ids.push(...page.json().ids);
    }
    expect(ids).toHaveLength(184);
    expect(new Set(ids).size).toBe(184);
    expect(ids[183]).toBe('code_contests/19');
    for (const bad of ['limit=ten', 'limit=0', 'limit=1001', 'offset=-1', 'offset=1e2']) {
      const res = await app.inject({ url: `/problems?${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().code).toBe('RLVR_ERR_REQUEST_INVALID');
    }
  });

  it('#16: /aggregate_metrics refuses non-numeric rewards, and rewards outside [0, 1] without a verdict', async () => {
    for (const [i, reward] of (['x', null, 7] as const).entries()) {
      const responses: Record<string, unknown>[] = [{ reward: 1 }, { reward: 0 }, { reward: 1 }];
      responses[i] = { reward };
      const res = await post('/aggregate_metrics', { verify_responses: responses });
      expect(res.statusCode, String(reward)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'RLVR_ERR_REQUEST_INVALID', item_index: i });
    }
    const missing = await post('/aggregate_metrics', { verify_responses: [{ verdict: 'correct' }] });
    expect(missing.statusCode).toBe(400);
    // a reward above 1 with our verdict (e.g. the r1 preset's sum) is fine: the verdict decides
    const ok = await post('/aggregate_metrics', {
      verify_responses: [{ reward: 3, verdict: 'correct' }, { reward: 0, verdict: 'wrong' }, { reward: 1 }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().agent_metrics).toMatchObject({ rollouts: 3, 'pass@1': 2 / 3 });
  });

  it('#17: a boolean slime label is flagged as an invalid reference, not graded', async () => {
    for (const label of [true, false]) {
      const res = await post('/compat/slime?components=true', {
        prompt: question,
        response: `\\boxed{${String(label)}}`,
        label,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        reward: 0,
        verdict: 'invalid_reference',
        rlvr_error: 1,
        error_code: 'RLVR_ERR_ITEM_REFERENCE_INVALID',
      });
    }
  });

  it('#18: the 415 message names the content type that was sent', async () => {
    const res = await post('/reward', '{}', { 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'RLVR_ERR_REQUEST_MEDIA_TYPE',
      message: 'Unsupported Content-Type "text/plain": send application/json',
    });
  });

  describe('#6: OpenRLHF never grades prompt text', () => {
    /** Vicuna v1.1 template (FastChat): no special assistant token. */
    const vicuna = (q: string) =>
      `A chat between a curious user and an artificial intelligence assistant. USER: ${q} ASSISTANT: `;
    const hint = `${question} For example, write \\boxed{${answer}}.`;

    it('a prompt that differs only in whitespace is aligned: the answerless response earns 0', async () => {
      const prompt = `USER: compute 1+1, e.g. \\boxed{2}\nASSISTANT:  `;
      const res = await post('/compat/openrlhf/get_reward', {
        query: [
          'USER: compute 1+1, e.g. \\boxed{2}\nASSISTANT: no idea',
          `${vicuna(hint).trimEnd()} no idea</s>`,
        ],
        prompts: [prompt, vicuna(hint)],
        labels: ['2', answer],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ rewards: [0, 0], extra_logs: { rlvr_error: [0, 0] } });
      // and the real solution after the same re-spaced prompt still earns 1
      const good = await post('/compat/openrlhf/get_reward', {
        query: [`<s> ${vicuna(hint).replace(/ {2,}/g, ' ').trimEnd()} ${solution}</s>`],
        prompts: [vicuna(hint)],
        labels: [answer],
      });
      expect(good.json()).toMatchObject({ rewards: [1], extra_logs: { rlvr_error: [0], rlvr_correct: [1] } });
    });

    it('a prompt not found and no assistant marker: flagged, reward 0, never the prompt’s \\boxed{}', async () => {
      // the tokenizer round trip changed more than whitespace (“e.g.” → “eg”)
      const res = await post('/compat/openrlhf/get_reward', {
        query: [vicuna(hint).replace('For example', 'For instance'), `${vicuna(hint)}${solution}`],
        prompts: [vicuna(hint), vicuna(hint)],
        labels: [answer, answer],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        rewards: [0, 1],
        scores: [0, 1],
        extra_logs: { accuracy: [0, 1], rlvr_error: [1, 0], rlvr_correct: [0, 1] },
      });
    });
  });
});
