// attack: make console.assert a no-op (replace the method, the console object, and via defineProperty)
// mode: assert
// test: const t = () => { console.assert(add(2, 3) === 5); console.assert(add(1, 1) === 2); }; t();
// expect: runtime_error
try { console.assert = () => {}; } catch {}
try { globalThis.console = { assert() {}, log() {} }; } catch {}
try { Object.defineProperty(console, 'assert', { value: () => {} }); } catch {}
const add = (a, b) => 7;
