// attack: a returned promise that never settles (must end as Time Limit Exceeded)
// mode: function
// entry: solve
// expect: timeout
async function solve() {
  await new Promise(() => {});
  return 42;
}
