// attack: shadow the global console with a top-level lexical binding the test would see
// mode: assert
// test: const t = () => { console.assert(add(2, 3) === 5); }; t();
// expect: runtime_error
let console = { assert() {}, log() {} };
const add = (a, b) => 7;
