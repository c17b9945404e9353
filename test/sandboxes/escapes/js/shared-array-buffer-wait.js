// attack: block forever in Atomics.wait on a SharedArrayBuffer
// mode: stdio
// expect: runtime_error
const sab = typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : new ArrayBuffer(4);
Atomics.wait(new Int32Array(sab), 0, 0);
