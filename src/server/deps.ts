/**
 * What every route plugin receives: the configuration, the engine and the grader list. Routes
 * never build their own engine or read the environment.
 */
import type { Config } from '../config.ts';
import type { GraderDefinition } from '../core/grader.ts';
import type { SandboxDefinition } from '../core/sandbox.ts';
import type { Telemetry } from '../core/telemetry.ts';
import type { Engine } from '../engine/index.ts';

export interface RouteDeps {
  config: Config;
  engine: Engine;
  graders: readonly GraderDefinition[];
  sandboxes: readonly SandboxDefinition[];
  telemetry: Telemetry;
  /** rlvr-server version (package.json). */
  version: string;
  /** True once shutdown has begun. */
  isClosing(): boolean;
}
