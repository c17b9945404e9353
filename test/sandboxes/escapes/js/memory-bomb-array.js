// attack: memory bomb by array growth (isolated-vm's limit is a guideline: the host RSS cap backs it)
// mode: stdio
// expect: memory
const keep = [];
for (;;) keep.push(new Array(100000).fill(keep.length));
