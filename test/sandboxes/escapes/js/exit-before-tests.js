// attack: process.exit(0) before the tests run (exit status 0 is not a pass)
// mode: assert
// test: const t = () => { console.assert(add(2, 3) === 5); }; t();
// expect: runtime_error
const add = (a, b) => 0;
process.exit(0);
