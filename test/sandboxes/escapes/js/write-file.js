// attack: write outside the sandbox (fs.writeFileSync / appendFileSync to /tmp)
// mode: stdio
// expect: runtime_error
// must-not-exist: /tmp/rlvr-js-escape-write
const fs = require('fs');
try { fs.appendFileSync('/tmp/rlvr-js-escape-write', 'x'); } catch {}
fs.writeFileSync('/tmp/rlvr-js-escape-write', 'pwned');
