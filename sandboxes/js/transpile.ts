/**
 * TypeScript → JavaScript for the sandbox: types stripped by sucrase (chosen over amaro/swc,
 * esbuild and `node:module`'s stripTypeScriptTypes by a same-run measurement, see
 * docs/sandbox-js.md). Enums and parameter properties are transformed; imports/exports are
 * left as written (they are a SyntaxError in a script, as in Node's CommonJS mode, and surface
 * as a Compile Error when V8 parses the result).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type SucraseTransform = (
  code: string,
  options: { transforms: string[]; disableESTransforms?: boolean; keepUnusedImports?: boolean },
) => { code: string };
let transform: SucraseTransform | undefined;

export interface TranspileResult {
  code?: string;
  /** Set when the source does not parse as TypeScript: "line:col message". */
  error?: string;
}

/** Strip TypeScript syntax; a parse error comes back as `error` (a Compile Error), never thrown. */
export function transpileTypeScript(source: string): TranspileResult {
  transform ??= (require('sucrase') as { transform: SucraseTransform }).transform;
  try {
    return { code: transform(source, { transforms: ['typescript'], disableESTransforms: true }).code };
  } catch (e) {
    return { error: `SyntaxError: ${(e as Error).message}` };
  }
}
