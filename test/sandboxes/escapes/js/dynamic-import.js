// attack: dynamic import() of a Node builtin to escape the require shim
// mode: stdio
// expect: ok
// stdout:
// must-not-exist: /tmp/rlvr-js-escape-import
import('child_process').then((cp) => cp.execSync('touch /tmp/rlvr-js-escape-import'), () => {});
