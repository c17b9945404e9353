// attack: print an object whose every key enumeration spins forever (hangs a harness that formats output)
// mode: stdio
// expect: timeout
console.log(new Proxy({}, { ownKeys() { for (;;) {} } }));
