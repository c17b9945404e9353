// attack: add hooks to builtin prototypes that map actual and expected to the same thing (constant toJSON, @@toPrimitive, concat spreading), so JSON.stringify/template comparisons pass for any answer
// mode: assert
// test: const t = () => { console.assert(JSON.stringify(f(3)) === JSON.stringify([1, 2, 3])); console.assert(`${f(2)}` === `${[1, 2]}`); console.assert(JSON.stringify({ a: f(1) }) === JSON.stringify({ a: [1] })); }; t();
// expect: runtime_error
for (const p of [Object.prototype, Array.prototype]) {
  try { p.toJSON = () => 'same'; } catch {}
  try { Object.defineProperty(p, 'toJSON', { value: () => 'same', configurable: true }); } catch {}
  try { p[Symbol.toPrimitive] = () => 'same'; } catch {}
  try { Object.defineProperty(p, Symbol.toPrimitive, { value: () => 'same', configurable: true }); } catch {}
}
const f = (n) => [n, n, n];
