// attack: typed-array memory bomb inside a function-mode call (the RangeError is caught by the harness, not the host)
// mode: function
// entry: solve
// expect: memory
function solve() {
  const keep = [];
  for (;;) keep.push(new Float64Array(4 * 1024 * 1024));
}
