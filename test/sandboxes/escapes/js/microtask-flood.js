// attack: microtask flood (an endless promise chain never yields to the host)
// mode: stdio
// expect: timeout
function spin() {
  Promise.resolve().then(spin);
}
spin();
