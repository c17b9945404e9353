/**
 * The list of sandboxes: one line per language.
 */
import type { SandboxDefinition } from '../src/core/sandbox.ts';
import { pythonSandbox } from './python/index.ts';

export const SANDBOXES: readonly SandboxDefinition[] = [pythonSandbox];
