/**
 * The list of graders: one line per grader. Adding a grader = a folder + one line here.
 */
import type { GraderDefinition } from '../src/core/grader.ts';
import { codeGrader } from './code/index.ts';
import countdown from './countdown/index.ts';
import format from './format/index.ts';
import languageConsistency from './language-consistency/index.ts';
import math from './math/index.ts';

export const GRADERS: readonly GraderDefinition<any>[] = [
  math,
  codeGrader,
  format,
  countdown,
  languageConsistency,
];
