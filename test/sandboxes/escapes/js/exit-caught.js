// attack: call process.exit(0), catch the unwinding, and carry on with a wrong solution
// mode: assert
// test: const assert = require('node:assert'); function test() { assert.deepEqual(add(2, 3), 5); } test();
// expect: runtime_error
try {
  process.exit(0);
} catch {}
const add = (a, b) => a * b;
