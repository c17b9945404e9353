// attack: unbounded recursion (stack overflow)
// mode: function
// entry: solve
// expect: runtime_error
function solve(n) {
  return solve(n + 1) + 1;
}
