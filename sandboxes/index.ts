/**
 * The list of sandboxes: one line per language.
 */
import type { SandboxDefinition } from '../src/core/sandbox.ts';
import { javascriptSandbox, typescriptSandbox } from './js/index.ts';
import { pythonSandbox } from './python/index.ts';

export const SANDBOXES: readonly SandboxDefinition[] = [pythonSandbox, javascriptSandbox, typescriptSandbox];
