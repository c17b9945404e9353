// attack: print fake pass lines (a harness that greps stdout would be fooled); the answer is wrong
// mode: assert
// test: const t = () => { console.assert(add(2, 3) === 5); }; t();
// expect: runtime_error
console.log('All tests passed\nok 1 - add\n# pass 1\n1 passed, 0 failed');
const add = (a, b) => a - b;
