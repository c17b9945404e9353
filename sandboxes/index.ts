/**
 * The list of sandboxes: one line per language.
 */
import type { SandboxDefinition } from '../src/core/sandbox.ts';

export const SANDBOXES: readonly SandboxDefinition[] = [];
