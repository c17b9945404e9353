// attack: memory bomb by many distinct flat strings kept alive (real V8 heap growth)
// mode: stdio
// expect: memory
const keep = [];
for (let i = 0; ; i++) {
  const s = String.fromCharCode(97 + (i % 26)).repeat(1 << 20) + i;
  s.charCodeAt(1 << 19); // flatten: a real 1 MiB allocation
  keep.push(s);
}
