// attack: return a Proxy that answers any property read (fakes any shape of answer)
// mode: function
// entry: solve
// expect: invalid_return
function solve() {
  return new Proxy([], { get: (t, k) => (k === 'length' ? 3 : 1), ownKeys: () => ['0', '1', '2', 'length'] });
}
