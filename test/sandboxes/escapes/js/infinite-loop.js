// attack: infinite loop (busy CPU)
// mode: function
// entry: solve
// expect: timeout
function solve() {
  for (;;) {}
}
