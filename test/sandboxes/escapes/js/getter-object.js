// attack: return data whose fields are getters (a different value on every read)
// mode: function
// entry: solve
// expect: invalid_return
let n = 0;
function solve() {
  return [1, 2, { get x() { return n++; } }];
}
