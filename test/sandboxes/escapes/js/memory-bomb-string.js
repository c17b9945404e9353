// attack: memory bomb by string doubling (V8 caps a string at ~2^29 chars: RangeError, as in Node)
// mode: stdio
// expect: runtime_error
let s = 'x';
for (;;) s = s + s;
