// attack: reach Node internals through process.binding / process.mainModule / module.constructor
// mode: stdio
// expect: runtime_error
// must-not-exist: /tmp/rlvr-js-escape-binding
const load = process.mainModule ? process.mainModule.require : module.constructor._load;
load('child_process').execSync('touch /tmp/rlvr-js-escape-binding');
process.binding('spawn_sync');
