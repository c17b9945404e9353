// attack: return a value nested 100,000 deep (a recursive serializer would overflow the host's stack)
// mode: function
// entry: solve
// expect: invalid_return
function solve() {
  let a = [];
  for (let i = 0; i < 100000; i++) a = [a];
  return a;
}
