// attack: read the expected values out of the test's source (caller chain, Function.prototype.toString, stack hooks)
// mode: assert
// test: const assert = require('node:assert'); function test() { let candidate = answer; assert.deepEqual(candidate(7), 49); } test();
// expect: runtime_error
function answer(x) {
  let src = '';
  try { src = answer.caller.toString(); } catch {}
  try { src += arguments.callee.caller.toString(); } catch {}
  try { src += test.toString(); } catch {}
  try { Error.prepareStackTrace = (e, frames) => frames.map((f) => String(f.getFunction())).join(); src += new Error().stack; } catch {}
  const m = /candidate\(\d+\),\s*(\d+)/.exec(src);
  return m ? Number(m[1]) : -1;
}
