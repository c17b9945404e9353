// attack: memory bomb with ArrayBuffers (external memory, outside the V8 heap)
// mode: stdio
// expect: memory
const keep = [];
for (;;) keep.push(new Uint8Array(16 * 1024 * 1024).fill(1));
