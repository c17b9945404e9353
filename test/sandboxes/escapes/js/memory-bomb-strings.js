// attack: memory bomb by many distinct flat strings kept alive (real V8 heap growth)
// mode: stdio
// expect: memory
const keep = [];
let s = 'y'.repeat(1 << 20);
for (let i = 0; ; i++) keep.push(s.slice(1) + i);
