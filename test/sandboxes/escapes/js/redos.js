// attack: catastrophic regular-expression backtracking (ReDoS) inside the solution
// mode: function
// entry: solve
// expect: timeout
function solve() {
  return /^(a+)+$/.test(`${'a'.repeat(40)}!`);
}
