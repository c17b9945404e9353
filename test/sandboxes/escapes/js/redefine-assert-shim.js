// attack: neuter the assert shim the MultiPL-E tests require (methods, strict namespace, module cache)
// mode: assert
// test: const assert = require('node:assert'); function test() { let candidate = add; assert.deepEqual(candidate(2, 3), 5); assert.strictEqual(candidate(1, 1), 2); } test();
// expect: runtime_error
const a = require('assert');
try { a.deepEqual = () => {}; } catch {}
try { a.strictEqual = () => {}; } catch {}
try { Object.defineProperty(a, 'deepEqual', { value: () => {} }); } catch {}
try { require('node:assert').strict.deepEqual = () => {}; } catch {}
const add = (a, b) => 7;
