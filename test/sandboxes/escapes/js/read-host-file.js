// attack: read host files (/etc/passwd, the server's own source) through require('fs')
// mode: stdio
// expect: runtime_error
const fs = require('fs');
console.log(fs.readFileSync('/etc/passwd', 'utf8'));
console.log(fs.readFileSync('/work/main/package.json', 'utf8'));
