// attack: pollute the builtins the tests and the harness use (JSON.stringify, Array.prototype, Object.keys)
// mode: assert
// test: const t = () => { console.assert(JSON.stringify(sortArray([3, 1, 2])) === JSON.stringify([1, 2, 3])); console.assert([1, 2, 3].every((x, i) => x === sortArray([3, 1, 2])[i])); }; t();
// expect: runtime_error
try { JSON.stringify = () => '""'; } catch {}
try { Array.prototype.every = () => true; } catch {}
try { Object.keys = () => []; } catch {}
try { Object.defineProperty(Array.prototype, 'every', { value: () => true }); } catch {}
try { Object.defineProperty(Object.prototype, 'status', { get: () => 'ok', configurable: true }); } catch {}
const sortArray = (a) => a;
