// attack: Function-constructor tricks to reach the host realm's globals
// mode: stdio
// expect: runtime_error
// must-not-exist: /tmp/rlvr-js-escape-function
const g = Function('return this')();
const p = this.constructor.constructor('return process')();
const host = p.mainModule || g.process.binding('fs');
host.require('child_process').execSync('touch /tmp/rlvr-js-escape-function');
