// attack: throw an object whose every property read spins forever (hangs a harness that formats it)
// mode: stdio
// expect: timeout
throw new Proxy({}, { get() { for (;;) {} } });
