// attack: run a shell command through require('child_process')
// mode: stdio
// expect: runtime_error
// must-not-exist: /tmp/rlvr-js-escape-child-process
require('child_process').execSync('touch /tmp/rlvr-js-escape-child-process');
