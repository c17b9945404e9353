/**
 * The list of sandboxes: one line per language.
 *
 * `SANDBOXES` holds the instances with defaults (built lazily: no process starts before the first
 * execution or `available()`). The server and `rlvr grade` call {@link createSandboxes} with the
 * configured paths instead (PYTHON_PATH, BWRAP_PATH in src/config.ts), and close what they built.
 */
import type { SandboxDefinition } from '../src/core/sandbox.ts';
import { javascriptSandbox, typescriptSandbox } from './js/index.ts';
import { createPythonSandbox, type PythonSandboxOptions, pythonSandbox } from './python/index.ts';

export const SANDBOXES: readonly SandboxDefinition[] = [pythonSandbox, javascriptSandbox, typescriptSandbox];

export interface SandboxesOptions {
  /** Options of the Python sandbox (`pythonPath`, `bwrapPath`…); the defaults when omitted. */
  python?: PythonSandboxOptions;
}

/**
 * The sandbox list with a Python sandbox of its own, built from `options.python`; JavaScript and
 * TypeScript are the shared default instances (they take no paths).
 */
export function createSandboxes(options: SandboxesOptions = {}): readonly SandboxDefinition[] {
  return [createPythonSandbox(options.python), javascriptSandbox, typescriptSandbox];
}
