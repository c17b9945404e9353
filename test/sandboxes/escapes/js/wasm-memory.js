// attack: allocate outside the V8 heap through WebAssembly memory
// mode: stdio
// expect: runtime_error
new WebAssembly.Memory({ initial: 65536 });
