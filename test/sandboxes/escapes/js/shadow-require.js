// attack: declare our own require so the test's require('node:assert') gets a no-op assert
// mode: assert
// test: const assert = require('node:assert'); function test() { assert.deepEqual(add(2, 3), 5); } test();
// expect: runtime_error
function require() {
  return { deepEqual() {}, strictEqual() {} };
}
const add = (a, b) => 7;
