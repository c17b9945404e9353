import { describe, expect, it } from 'vitest';
import {
  promptEndIgnoringWhitespace,
  promptText,
  resolveLabel,
  responseFromQuery,
  stripEndTokens,
  unitScore,
} from '../../../../src/server/routes/compat/common.ts';

const QUESTION =
  "Janet’s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?";
const ANSWER = 'She sells 16 - 3 - 4 = 9 eggs, so she makes 9 * 2 = $18.\n\\boxed{18}';

describe('responseFromQuery (OpenRLHF query = prompt + response, special tokens kept)', () => {
  it('strips a Qwen chat-templated prompt with left padding and EOS', () => {
    const prompt = `<|im_start|>system\nPlease reason step by step.<|im_end|>\n<|im_start|>user\n${QUESTION}<|im_end|>\n<|im_start|>assistant\n`;
    const query = `<|endoftext|><|endoftext|>${prompt}${ANSWER}<|im_end|><|endoftext|><|endoftext|>`;
    expect(responseFromQuery(query, prompt)).toEqual({ completion: ANSWER, via: 'prompt' });
  });

  it('falls back to the last assistant marker when the prompt differs after detokenization', () => {
    const llama = `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n${QUESTION}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n${ANSWER}<|eot_id|>`;
    expect(responseFromQuery(llama, 'a prompt that was re-tokenized differently')).toEqual({
      completion: ANSWER,
      via: 'marker',
    });
    const r1 = `<｜begin▁of▁sentence｜><｜User｜>${QUESTION}<｜Assistant｜><think>\n9 eggs\n</think>\n\\boxed{18}<｜end▁of▁sentence｜>`;
    expect(responseFromQuery(r1).completion).toBe('<think>\n9 eggs\n</think>\n\\boxed{18}');
  });

  it('security review #6: aligns a prompt changed only in whitespace by the tokenizer round trip', () => {
    // Llama 2 chat (BOS + [INST]): decoding adds a space after <s> and drops the trailing space
    const llama2 = `<s>[INST] <<SYS>>\nYou are a helpful assistant.\n<</SYS>>\n\n${QUESTION} [/INST] `;
    const query = `<s> ${llama2.slice(3).trimEnd()} ${ANSWER}</s>`;
    expect(responseFromQuery(query, llama2)).toEqual({ completion: ANSWER, via: 'prompt_whitespace' });
    // Alpaca: no special token at all, runs of blank lines merged
    const alpaca = `Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n### Instruction:\n${QUESTION}\n\n### Response:\n`;
    expect(responseFromQuery(`${alpaca.replaceAll('\n\n', '\n')}${ANSWER}`, alpaca)).toEqual({
      completion: ANSWER,
      via: 'prompt_whitespace',
    });
    expect(promptEndIgnoringWhitespace('a b\tc  d', 'ab c')).toBe(5); // just after c
    expect(promptEndIgnoringWhitespace('abc', ' \n ')).toBe(-1);
  });

  it('security review #6: a prompt not found and no marker is never graded as the response', () => {
    const vicuna = `USER: ${QUESTION} Write the answer as \\boxed{18}. ASSISTANT:`;
    const query = `${vicuna.replace('Write', 'Give')} no idea</s>`;
    expect(responseFromQuery(query, vicuna)).toEqual({ completion: '', via: 'prompt_not_found' });
    // an assistant marker still locates the response when the prompt is not found
    const qwen = `<|im_start|>user\n${QUESTION} \\boxed{18}<|im_end|>\n<|im_start|>assistant\n`;
    expect(responseFromQuery(`${qwen}no idea<|im_end|>`, `${qwen} (re-tokenized)`)).toEqual({
      completion: 'no idea',
      via: 'marker',
    });
  });

  it('keeps a query without prompt or marker, minus end tokens', () => {
    expect(responseFromQuery('The answer is 18</s>')).toEqual({
      completion: 'The answer is 18',
      via: 'none',
    });
  });
});

describe('stripEndTokens', () => {
  it('removes any run of EOS/pad tokens and whitespace, nothing else', () => {
    expect(stripEndTokens('x <|eot_id|>\n<|end_of_text|> <pad><pad>')).toBe('x');
    expect(stripEndTokens('keep trailing space ')).toBe('keep trailing space ');
    expect(stripEndTokens('</answer>')).toBe('</answer>');
  });
});

describe('resolveLabel', () => {
  it('security review #17: a boolean label stays a boolean (no grader accepts it as a reference)', () => {
    expect(resolveLabel(true, 'math')).toEqual({ task: 'math', reference: true });
    expect(resolveLabel(false, 'math')).toEqual({ task: 'math', reference: false });
  });

  it('reads plain answers with the default task', () => {
    expect(resolveLabel('18', 'math')).toEqual({ task: 'math', reference: '18' });
    expect(resolveLabel(18, 'math')).toEqual({ task: 'math', reference: '18' });
    expect(resolveLabel('[1, 2]', 'math')).toEqual({ task: 'math', reference: '[1, 2]' });
    expect(resolveLabel('\\{1, 2\\}', 'math')).toEqual({ task: 'math', reference: '\\{1, 2\\}' });
  });

  it('reads JSON labels naming task and reference', () => {
    expect(
      resolveLabel('{"task": "countdown", "reference": {"target": 24, "numbers": [1, 2, 3, 4]}}', 'math'),
    ).toEqual({
      task: 'countdown',
      reference: { target: 24, numbers: [1, 2, 3, 4] },
    });
    expect(resolveLabel({ answer: 0.5 }, 'math')).toEqual({ task: 'math', reference: '0.5' });
    expect(resolveLabel('{"ground_truth": "x", "options": {"math": {"boxed": "off"}}}', 'math')).toEqual({
      task: 'math',
      reference: 'x',
      options: { math: { boxed: 'off' } },
    });
  });

  it('treats a LaTeX set that only looks like JSON as an answer', () => {
    expect(resolveLabel('{1, 2}', 'math')).toEqual({ task: 'math', reference: '{1, 2}' });
  });
});

describe('unitScore and promptText', () => {
  it('rescales by the largest reward the weights allow', () => {
    expect(unitScore(2, { accuracy: 1, format: 1, consistency: 1 })).toBeCloseTo(2 / 3, 12);
    expect(unitScore(1, { accuracy: 1 })).toBe(1);
    expect(unitScore(-0.5, { accuracy: 1 })).toBe(0);
  });

  it('takes the last user message of a chat prompt', () => {
    expect(
      promptText([
        { role: 'system', content: 'sys' },
        { role: 'user', content: [{ type: 'text', text: 'Q1' }] },
        { role: 'assistant', content: 'A' },
      ]),
    ).toBe('Q1');
    expect(promptText('plain')).toBe('plain');
    expect(promptText(undefined)).toBeUndefined();
  });
});
