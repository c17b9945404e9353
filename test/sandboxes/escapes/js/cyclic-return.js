// attack: return a cyclic structure (a naive serializer would loop or crash)
// mode: function
// entry: solve
// expect: invalid_return
function solve() {
  const a = [1];
  a.push(a);
  return a;
}
