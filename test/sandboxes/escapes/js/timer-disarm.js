// attack: disarm in-process timers (clearTimeout on every id) before spinning
// mode: stdio
// expect: timeout
for (let i = 0; i < 10000; i++) clearTimeout(i);
const t0 = Date.now();
while (Date.now() - t0 < 1e9) {}
